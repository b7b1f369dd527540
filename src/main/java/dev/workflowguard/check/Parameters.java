package dev.workflowguard.check;

/** The names users know the inputs by, for error messages: POM parameter / user property. */
final class Parameters {

    static final String VALUES = "valuesFiles / workflow.values";
    static final String MANIFESTS = "manifests / workflow.manifests";
    static final String VERSION = "workflowVersion / workflow.version";
    static final String DISABLED = "disabledRules / workflow.disabledRules";
    static final String SEVERITIES = "severities";
    static final String SET = "setValues / workflow.set";

    private Parameters() {}
}
