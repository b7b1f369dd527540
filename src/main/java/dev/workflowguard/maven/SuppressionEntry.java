package dev.workflowguard.maven;

/**
 * A `<suppression>` in the POM: the rule, optional filters, the reason (mandatory) and an
 * optional last day. Maven sets the fields by name.
 */
public class SuppressionEntry {

    /** The rule id. */
    String rule;

    /** A glob on the file, relative to the project (values/*.yaml). */
    String file;

    /** A values path (controller.registration_mode). */
    String valuesPath;

    /** A rendered object (Deployment/deis-router). */
    String object;

    /** Why the finding is accepted. */
    String reason;

    /** The last day it applies, YYYY-MM-DD. */
    String until;
}
