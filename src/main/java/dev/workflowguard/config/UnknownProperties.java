package dev.workflowguard.config;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code -Dworkflow.*} properties of a build that no parameter of the plugin reads. Maven passes every {@code -D}
 * on without a word, on every version, so a misspelled {@code -Dworkflow.verison=2.10.0} would leave the check
 * without its Workflow version, and weaker, as a misspelled POM element would.
 */
public final class UnknownProperties {

    /** The prefix of the plugin's properties: only those are the plugin's to judge. */
    public static final String PREFIX = "workflow.";

    private UnknownProperties() {}

    /**
     * One warning per given property under {@link #PREFIX} that is none of the known ones, in name order.
     *
     * @param given the names of the build's user properties ({@code -D})
     * @param known the properties the plugin's parameters read
     */
    public static List<String> warnings(Collection<String> given, Collection<String> known) {
        Set<String> unknown = new TreeSet<>();
        for (String name : given) {
            if (name.startsWith(PREFIX) && !known.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown.stream()
                .map(name -> "-D" + name + " is not a property of workflow-guard: Maven passes it on, and no goal "
                        + "reads it"
                        + ClosestName.among(name, known)
                                .map(meant -> "; did you mean -D" + meant + "?")
                                .orElse(""))
                .toList();
    }
}
