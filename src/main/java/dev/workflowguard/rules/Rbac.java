package dev.workflowguard.rules;

/** What the rules know about Workflow's RBAC switch. */
final class Rbac {

    /** The switch exists from Workflow 2.15; before, the chart renders no RBAC objects and has no switch. */
    static final ValuesKey USE_RBAC = ValuesKey.of("global.use_rbac").since("2.15");

    private Rbac() {}
}
