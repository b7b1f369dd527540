package dev.workflowguard.rules;

import dev.workflowguard.release.WorkflowVersion;
import java.util.Optional;

/**
 * What remedies say when the detected release's chart lacks the key a rule would set: the release in
 * words, and the first release that has the key. A remedy names only keys the release has.
 */
final class Releases {

    private Releases() {}

    /** "Workflow 2.11.0": the version as configured, which the messages name everywhere else too. */
    static String named(WorkflowVersion version) {
        return "Workflow " + version.display();
    }

    /** "upgrade Workflow to 2.15.0 or later", or "upgrade Workflow" when no release of the table has the key. */
    static String upgradeFor(ValuesKey key) {
        Optional<WorkflowVersion> first = key.firstRelease();
        return first.map(version -> "upgrade Workflow to " + version.display() + " or later")
                .orElse("upgrade Workflow");
    }
}
