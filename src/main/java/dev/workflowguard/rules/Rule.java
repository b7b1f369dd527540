package dev.workflowguard.rules;

/**
 * One production check. A rule looks at whatever inputs the context has (values, manifests or
 * both) and reports each problem once per cause, at every place that shows it, together with the
 * values edit that fixes it when one exists.
 */
public interface Rule {

    RuleInfo info();

    void check(CheckContext context, RuleFindings findings);

    default String id() {
        return info().id();
    }
}
