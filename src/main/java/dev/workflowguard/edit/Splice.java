package dev.workflowguard.edit;

import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * Applies non-overlapping splices (in any order) to a text. Insertions at one place keep the
     * order in which they were listed.
     */
    static String apply(String text, List<Splice> splices) {
        // From the end of the text backwards, so earlier positions stay valid; of splices at one place
        // the one listed last goes first, so that the one listed first ends up in front of it.
        List<Splice> ordered = new ArrayList<>(splices);
        Collections.reverse(ordered);
        ordered.sort(Comparator.comparingInt(Splice::start).reversed());
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
