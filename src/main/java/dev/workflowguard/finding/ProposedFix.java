package dev.workflowguard.finding;

import dev.workflowguard.yaml.SourceFile;
import java.util.List;

/**
 * The values edit that removes a finding, proposed by the rule that found it so that `check` and
 * `fix` can never disagree.
 *
 * @param path the values keys to set
 * @param value the new scalar value
 * @param quoted write the value as a quoted string (the chart reads it as a string)
 * @param target the values file that set the effective value, or null for "the fix target" (the
 *     value came from a chart default)
 */
public record ProposedFix(List<String> path, String value, boolean quoted, SourceFile target) {

    public ProposedFix {
        path = List.copyOf(path);
    }

    /** True when the value came from `--set` (workflow.set): the fix goal cannot write it and says so. */
    public boolean onCommandLine() {
        return target != null && target.displayName().equals("--set");
    }
}
