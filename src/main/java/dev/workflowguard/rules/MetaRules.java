package dev.workflowguard.rules;

import dev.workflowguard.finding.Severity;
import java.util.List;

/**
 * Rules about the suppressions themselves. They are not checks on Workflow settings, but their ids
 * are public like any other: users override their severity or disable them the same way.
 */
public final class MetaRules {

    public static final RuleInfo INVALID = new RuleInfo(
            "invalid-suppression",
            Severity.ERROR,
            "no",
            "A suppression has no reason, names an unknown rule, or cannot be read.",
            "Every exception to a production rule must be written down with its reason; one that cannot be read "
                    + "would silently suppress nothing.",
            true,
            true,
            "Write it as `# workflow:ignore <rule-id> reason=\"why\" [until=YYYY-MM-DD]` (a known rule id, a reason in double quotes, a real date), the annotation `workflow-guard.dev/ignore.<rule-id>: \"why\"`, or a POM `<suppression>` with `<rule>` and `<reason>`.");
    public static final RuleInfo EXPIRED = new RuleInfo(
            "expired-suppression",
            Severity.WARNING,
            "no",
            "A suppression's until date has passed, so it no longer suppresses its finding.",
            "Exceptions are meant to be temporary: when the date passes, the finding comes back and the suppression "
                    + "should be removed or renewed with a new reason.",
            true,
            true,
            "Fix the finding it suppressed, or, if the exception still holds, renew it with a new `until` and an up-to-date reason.");
    public static final RuleInfo STALE = new RuleInfo(
            "stale-suppression",
            Severity.WARNING,
            "no",
            "A suppression matches no finding: the problem is gone, or it points at the wrong line.",
            "A suppression that suppresses nothing hides nothing today but would hide a future problem on that "
                    + "line; delete it.",
            true,
            true,
            "Delete the suppression, or move it to the line it was meant for (a comment covers its own line when it follows a value, the line below when it stands alone).");

    public static final List<RuleInfo> ALL = List.of(INVALID, EXPIRED, STALE);

    private MetaRules() {}
}
