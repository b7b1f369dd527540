package dev.workflowguard.maven;

import java.util.Map;

/**
 * What a goal run for one module by {@link ReactorGoal} finds in Maven's plugin context, the map Maven hands every
 * execution of this plugin in a project (the way Maven lets a plugin's executions share state): the module's label,
 * which says that this run acts for that module alone (it must not go through the reactor again) and prefixes its log
 * lines; and, set by the run, a word about its outcome for the summary ("skipped"). The plugin context is Maven's
 * state, not this class's, so the mark holds whatever class loader a module's run gets.
 */
final class ModuleRun {

    private static final String LABEL = "dev.workflowguard.moduleRun.label";
    private static final String OUTCOME = "dev.workflowguard.moduleRun.outcome";

    private ModuleRun() {}

    /** The label of the module this run acts for, or null when it is not a per-module run. */
    static String label(Map<?, ?> context) {
        return context != null && context.get(LABEL) instanceof String label ? label : null;
    }

    /** Marks the module's runs until {@link #end} is called. */
    static void start(Map<String, Object> context, String label) {
        context.remove(OUTCOME);
        context.put(LABEL, label);
    }

    /** Ends the mark; returns the outcome word the run left, or null. */
    static String end(Map<String, Object> context) {
        context.remove(LABEL);
        Object outcome = context.remove(OUTCOME);
        return outcome instanceof String word ? word : null;
    }

    /** Called by a per-module run that skipped its work (skip parameters): the summary then says so. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void skipped(Map context) {
        if (label(context) != null) {
            context.put(OUTCOME, "skipped");
        }
    }
}
