package dev.workflowguard.rules;

import dev.workflowguard.finding.Severity;
import java.util.List;

/**
 * Rules about the suppressions themselves. They are not checks on Workflow settings, but their ids
 * are public like any other: users override their severity or disable them the same way.
 */
public final class MetaRules {

    public static final RuleInfo INVALID = new RuleInfo("invalid-suppression", Severity.ERROR, "no",
            "A suppression has no reason, names an unknown rule, or cannot be read.",
            "Every exception to a production rule must be written down with its reason; one that cannot be read "
                    + "would silently suppress nothing.", true, true);
    public static final RuleInfo EXPIRED = new RuleInfo("expired-suppression", Severity.WARNING, "no",
            "A suppression's until date has passed, so it no longer suppresses its finding.",
            "Exceptions are meant to be temporary: when the date passes, the finding comes back and the suppression "
                    + "should be removed or renewed with a new reason.", true, true);
    public static final RuleInfo STALE = new RuleInfo("stale-suppression", Severity.WARNING, "no",
            "A suppression matches no finding: the problem is gone, or it points at the wrong line.",
            "A suppression that suppresses nothing hides nothing today but would hide a future problem on that "
                    + "line; delete it.", true, true);

    public static final List<RuleInfo> ALL = List.of(INVALID, EXPIRED, STALE);

    private MetaRules() {
    }
}
