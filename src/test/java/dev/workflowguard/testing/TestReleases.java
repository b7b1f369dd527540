package dev.workflowguard.testing;

import dev.workflowguard.release.WorkflowReleases;

/** Release tables for tests, in the format of the bundled one. */
public final class TestReleases {

    private TestReleases() {}

    /** The rules' test table: Deis v2.11.0, v2.14.0 and Hephy v2.23.0 (see its comment). */
    public static WorkflowReleases rules() {
        return WorkflowReleases.parse(TestRepo.resourceText("dev/workflowguard/rules/releases.yaml"));
    }

    /** A table of its text. */
    public static WorkflowReleases of(String text) {
        return WorkflowReleases.parse(text);
    }
}
