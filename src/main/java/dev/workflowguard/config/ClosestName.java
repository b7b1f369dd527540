package dev.workflowguard.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name a mistyped one was probably meant to be: the nearest by edit distance (letters swapped count as one
 * edit, case is ignored), when it is near enough to be a typo rather than another word.
 */
public final class ClosestName {

    private ClosestName() {}

    /** The nearest known name to {@code typed}, if one is near enough; the first in the given order on a tie. */
    public static Optional<String> among(String typed, Collection<String> known) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String wanted = typed.trim().toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= allowed(wanted, best) ? Optional.of(best) : Optional.empty();
    }

    /** `; did you mean "x"?` for a near known name, else the empty string: the tail of a message about a bad name. */
    public static String didYouMean(String typed, Collection<String> known) {
        return among(typed, known)
                .map(name -> "; did you mean \"" + name + "\"?")
                .orElse("");
    }

    /**
     * How many edits a typo may take: a third of the shorter name, at least one and at most three; beyond that
     * the names are different words, and a suggestion would mislead.
     */
    private static int allowed(String typed, String candidate) {
        return Math.max(1, Math.min(3, Math.min(typed.length(), candidate.length()) / 3));
    }

    /**
     * The optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbouring
     * characters (the commonest typo, `Verison`) each cost one.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
