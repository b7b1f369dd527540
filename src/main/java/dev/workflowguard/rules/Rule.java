package dev.workflowguard.rules;

/**
 * One production check. A rule looks at whatever inputs the context has (values, manifests or
 * both) and reports each problem once per cause, at every place that shows it, together with the
 * values edit that fixes it when one exists. It declares what it reads and writes in
 * {@link #inputs()}: the engine reads, keeps, traces and documents exactly that.
 */
public interface Rule {

    RuleInfo info();

    RuleInputs inputs();

    void check(CheckContext context, RuleFindings findings);

    default String id() {
        return info().id();
    }
}
