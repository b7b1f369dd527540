package dev.workflowguard.suppress;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.rules.MetaRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Applies suppressions to findings: a covered finding moves to the suppressed list; an expired
 * suppression stops suppressing and says so; one that covers nothing is stale; unreadable ones
 * are findings themselves.
 */
public final class Suppressor {

    /** What suppressions did. */
    public record Outcome(List<Finding> active, List<SuppressedFinding> suppressed, List<MetaFinding> meta) {}

    /**
     * A finding about a suppression, before severities are applied.
     *
     * @param cause which suppression and what is wrong with it, without line numbers (see {@link Finding#cause()})
     */
    public record MetaFinding(String rule, String cause, Place place) {}

    private Suppressor() {}

    public static Outcome apply(
            List<Finding> findings,
            List<Suppression> suppressions,
            List<SuppressionProblem> problems,
            LocalDate today) {
        List<Finding> active = new ArrayList<>();
        List<SuppressedFinding> suppressed = new ArrayList<>();
        // By identity: two identical comments in two places are two suppressions, each used or stale on its own.
        Set<Suppression> used = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Finding finding : findings) {
            Suppression match = null;
            for (Suppression suppression : suppressions) {
                if (suppression.covers(finding)) {
                    used.add(suppression);
                    if (!suppression.isExpired(today)) {
                        match = suppression;
                        break;
                    }
                }
            }
            if (match == null) {
                active.add(finding);
            } else {
                suppressed.add(new SuppressedFinding(finding, match));
            }
        }
        List<MetaFinding> meta = new ArrayList<>();
        problems.forEach(problem -> meta.add(new MetaFinding(
                MetaRules.INVALID.id(), problem.cause(), Place.inValues(problem.location(), null, problem.message()))));
        for (Suppression suppression : suppressions) {
            if (suppression.isExpired(today)) {
                meta.add(new MetaFinding(
                        MetaRules.EXPIRED.id(),
                        suppression.identity(),
                        Place.inValues(
                                suppression.source(),
                                null,
                                "the suppression of " + suppression.rule() + " expired on " + suppression.until()
                                        + ", so it no longer suppresses (its reason was: " + suppression.reason()
                                        + "); fix the finding, or renew the suppression with a new until date")));
            } else if (!used.contains(suppression)) {
                meta.add(new MetaFinding(
                        MetaRules.STALE.id(),
                        suppression.identity(),
                        Place.inValues(
                                suppression.source(),
                                null,
                                "the suppression of " + suppression.rule() + " ("
                                        + suppression.scope().describe()
                                        + ") matches no finding: the problem is gone or the suppression points at the wrong "
                                        + "place; " + whereReported(suppression.rule(), active))));
            }
        }
        return new Outcome(active, suppressed, meta);
    }

    /**
     * What to do with a suppression that matches nothing: move it where its rule still reports something (the
     * comment meant for that finding, written a line off), else delete it.
     */
    private static String whereReported(String rule, List<Finding> active) {
        List<String> places = active.stream()
                .filter(finding -> finding.rule().equals(rule))
                .map(finding -> finding.location().toString())
                .distinct()
                .toList();
        if (places.isEmpty()) {
            return "delete it";
        }
        return "delete it, or move it to where " + rule + " reports a finding: " + places.get(0)
                + (places.size() > 1 ? " (and " + (places.size() - 1) + " more)" : "");
    }
}
