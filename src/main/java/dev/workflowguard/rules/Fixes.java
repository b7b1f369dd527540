package dev.workflowguard.rules;

import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.values.Value;
import dev.workflowguard.values.ValuesPath;

/** Builds the values edits rules propose: written to the file that decided the value, or to the fix target. */
final class Fixes {

    private Fixes() {}

    /** Set the value's path; in the file that set or deleted it, else in the fix target (chart default). */
    static ProposedFix set(Value value, String newValue, boolean quoted) {
        return new ProposedFix(
                value.path().keys(),
                newValue,
                quoted,
                value.entry() != null ? value.entry().file() : null);
    }

    /** Set a path that no file sets yet, in the fix target. */
    static ProposedFix add(ValuesPath path, String newValue, boolean quoted) {
        return new ProposedFix(path.keys(), newValue, quoted, null);
    }
}
