package dev.workflowguard.edit;

import java.util.Comparator;
import java.util.List;

/** Replaces the chars [start, end) of a text; everything outside stays byte for byte. */
record Splice(int start, int end, String replacement) {

    Splice {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad splice " + start + ".." + end);
        }
    }

    static Splice insert(int at, String text) {
        return new Splice(at, at, text);
    }

    /** Applies non-overlapping splices (in any order) to a text. */
    static String apply(String text, List<Splice> splices) {
        List<Splice> ordered = splices.stream().sorted(Comparator.comparingInt(Splice::start).reversed()).toList();
        StringBuilder out = new StringBuilder(text);
        int limit = text.length();
        for (Splice splice : ordered) {
            if (splice.end > limit) {
                throw new IllegalArgumentException("overlapping splices");
            }
            out.replace(splice.start, splice.end, splice.replacement);
            limit = splice.start;
        }
        return out.toString();
    }
}
