package dev.workflowguard.render;

import dev.workflowguard.values.ValuesPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a render made with several values keys changed at once, each to its own sentinel, with
 * the render of the user's values, line by line within each rendered document. The batch is
 * separable when every difference is a sentinel put where its key's value was: each changed line
 * carries exactly one sentinel and reads as the original line once that sentinel is put back to the
 * key's current text, and a line only appears (an annotation added under an empty map) for a key
 * that has no current value. No document may appear or vanish and no line may vanish. Then no probe
 * changed the chart's structure (no `if` took another branch, no `range` another length, no value
 * went through `b64enc` or `upper` on its way out), so what each key changed is told apart by its
 * sentinel. Otherwise the keys are sorted for the next round: those seen only in documents that
 * differ cleanly, those seen in a document that does not, and those seen nowhere.
 */
final class ProbeDiff {

    /** How the batch compared; the sets say where each key's sentinel was seen. */
    record Outcome(boolean separable, Set<ValuesPath> clean, Set<ValuesPath> dirty, Set<ValuesPath> unseen) {}

    /** A key's sentinel in the probe render and the text its value has in the user's render (null: no value). */
    record Sentinel(ValuesPath key, String text, String current) {}

    private ProbeDiff() {}

    static Outcome compare(String base, String probe, List<Sentinel> sentinels) {
        Map<String, List<String>> before = documents(base);
        Map<String, List<String>> after = documents(probe);
        Set<ValuesPath> seenClean = new HashSet<>();
        Set<ValuesPath> dirty = new HashSet<>();
        boolean separable = before.keySet().equals(after.keySet());
        for (Map.Entry<String, List<String>> document : after.entrySet()) {
            List<String> old = before.get(document.getKey());
            if (old == null) {
                // A document only the probe renders: whatever keys it shows changed the chart's structure.
                document.getValue().forEach(line -> dirty.addAll(keysIn(line, sentinels)));
                separable = false;
            } else if (!old.equals(document.getValue())) {
                Set<ValuesPath> cleanHere = new HashSet<>();
                Set<ValuesPath> dirtyHere = new HashSet<>();
                if (compareDocument(old, document.getValue(), sentinels, cleanHere, dirtyHere)) {
                    seenClean.addAll(cleanHere);
                } else {
                    // A run of lines no sentinel explains (another branch taken) may be any key's doing that
                    // this document shows: all of them are suspects.
                    separable = false;
                    dirty.addAll(cleanHere);
                    dirty.addAll(dirtyHere);
                }
            }
        }
        Set<ValuesPath> clean = new HashSet<>(seenClean);
        clean.removeAll(dirty);
        Set<ValuesPath> unseen = new HashSet<>();
        for (Sentinel sentinel : sentinels) {
            if (!clean.contains(sentinel.key()) && !dirty.contains(sentinel.key())) {
                unseen.add(sentinel.key());
            }
        }
        return new Outcome(separable, clean, dirty, unseen);
    }

    private static List<ValuesPath> keysIn(String line, List<Sentinel> sentinels) {
        return sentinels.stream()
                .filter(sentinel -> line.contains(sentinel.text()))
                .map(Sentinel::key)
                .toList();
    }

    /**
     * The documents of a render by their `# Source:` template and their place among that template's
     * documents, each as its lines.
     */
    private static Map<String, List<String>> documents(String text) {
        Map<String, List<String>> documents = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        List<String> current = new ArrayList<>();
        String source = "";
        for (String line : (text + "\n---").split("\n", -1)) {
            if (line.equals("---")) {
                if (!current.isEmpty()) {
                    int n = counts.merge(source, 1, Integer::sum);
                    documents.put(source + "#" + n, current);
                }
                current = new ArrayList<>();
                source = "";
            } else {
                if (line.startsWith("# Source: ") && source.isEmpty()) {
                    source = line;
                }
                current.add(line);
            }
        }
        return documents;
    }

    /**
     * True when the probe's document differs from the original only by sentinels; records the keys seen
     * in runs of lines that differ cleanly and in runs that do not.
     */
    private static boolean compareDocument(
            List<String> old,
            List<String> probe,
            List<Sentinel> sentinels,
            Set<ValuesPath> clean,
            Set<ValuesPath> dirty) {
        int[][] common = new int[old.size() + 1][probe.size() + 1];
        for (int i = old.size() - 1; i >= 0; i--) {
            for (int j = probe.size() - 1; j >= 0; j--) {
                common[i][j] = old.get(i).equals(probe.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        boolean separable = true;
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < old.size() || j < probe.size()) {
            if (i < old.size() && j < probe.size() && old.get(i).equals(probe.get(j))) {
                separable &= hunk(removed, added, sentinels, clean, dirty);
                removed.clear();
                added.clear();
                i++;
                j++;
            } else if (j < probe.size() && (i == old.size() || common[i][j + 1] >= common[i + 1][j])) {
                added.add(probe.get(j++));
            } else {
                removed.add(old.get(i++));
            }
        }
        return separable & hunk(removed, added, sentinels, clean, dirty);
    }

    /** {@link #clean} for a run of lines that differ, recording its keys as clean or not. */
    private static boolean hunk(
            List<String> removed,
            List<String> added,
            List<Sentinel> sentinels,
            Set<ValuesPath> clean,
            Set<ValuesPath> dirty) {
        if (removed.isEmpty() && added.isEmpty()) {
            return true;
        }
        boolean ok = clean(removed, added, sentinels);
        added.forEach(line -> (ok ? clean : dirty).addAll(keysIn(line, sentinels)));
        return ok;
    }

    /**
     * A run of lines that differ: each added line carries one sentinel; each removed line is one of them with
     * its sentinel put back; any other is a new line of a key without a value.
     */
    private static boolean clean(List<String> removed, List<String> added, List<Sentinel> sentinels) {
        if (removed.size() > added.size()) {
            return false;
        }
        List<Sentinel> shown = new ArrayList<>();
        for (String line : added) {
            Sentinel only = null;
            for (Sentinel sentinel : sentinels) {
                if (line.contains(sentinel.text())) {
                    if (only != null) {
                        return false;
                    }
                    only = sentinel;
                }
            }
            if (only == null) {
                return false;
            }
            shown.add(only);
        }
        // Each removed line comes back as one added line once its sentinel is put back (a range over a map sorts
        // its keys, so a replaced entry need not be first among entries added beside it).
        boolean[] used = new boolean[added.size()];
        for (String line : removed) {
            int match = -1;
            for (int n = 0; n < added.size() && match < 0; n++) {
                Sentinel sentinel = shown.get(n);
                if (!used[n]
                        && sentinel.current() != null
                        && added.get(n)
                                .replace(sentinel.text(), sentinel.current())
                                .equals(line)) {
                    match = n;
                }
            }
            if (match < 0) {
                return false;
            }
            used[match] = true;
        }
        for (int n = 0; n < added.size(); n++) {
            if (!used[n] && shown.get(n).current() != null) {
                return false;
            }
        }
        return true;
    }
}
