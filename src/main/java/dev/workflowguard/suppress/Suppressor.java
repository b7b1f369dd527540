package dev.workflowguard.suppress;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.rules.MetaRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies suppressions to findings: a covered finding moves to the suppressed list; an expired
 * suppression stops suppressing and says so; one that covers nothing is stale; unreadable ones
 * are findings themselves.
 */
public final class Suppressor {

    /** What suppressions did. */
    public record Outcome(List<Finding> active, List<SuppressedFinding> suppressed, List<MetaFinding> meta) {}

    /** A finding about a suppression, before severities are applied. */
    public record MetaFinding(String rule, Place place) {}

    private Suppressor() {}

    public static Outcome apply(
            List<Finding> findings,
            List<Suppression> suppressions,
            List<SuppressionProblem> problems,
            LocalDate today) {
        List<Finding> active = new ArrayList<>();
        List<SuppressedFinding> suppressed = new ArrayList<>();
        List<MetaFinding> meta = new ArrayList<>();
        Map<Suppression, Boolean> used = new IdentityHashMap<>();
        for (Finding finding : findings) {
            Suppression match = null;
            for (Suppression suppression : suppressions) {
                if (suppression.covers(finding)) {
                    used.put(suppression, true);
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
        for (SuppressionProblem problem : problems) {
            meta.add(new MetaFinding(
                    MetaRules.INVALID.id(), Place.inValues(problem.location(), null, problem.message())));
        }
        for (Suppression suppression : suppressions) {
            if (suppression.isExpired(today)) {
                meta.add(new MetaFinding(
                        MetaRules.EXPIRED.id(),
                        Place.inValues(
                                suppression.source(),
                                null,
                                "the suppression of " + suppression.rule() + " expired on " + suppression.until()
                                        + ", so it no longer suppresses (its reason was: " + suppression.reason()
                                        + "); fix the finding, or renew the suppression with a new until date")));
            } else if (!used.containsKey(suppression)) {
                meta.add(new MetaFinding(
                        MetaRules.STALE.id(),
                        Place.inValues(
                                suppression.source(),
                                null,
                                "the suppression of " + suppression.rule() + " ("
                                        + suppression.scope().describe()
                                        + ") matches no finding: the problem is gone or the suppression points at the wrong "
                                        + "place; delete it")));
            }
        }
        return new Outcome(active, suppressed, meta);
    }
}
