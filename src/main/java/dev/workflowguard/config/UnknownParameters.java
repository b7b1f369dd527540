package dev.workflowguard.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The elements of a goal's configuration that configure nothing. Maven 3.8 drops them without a word (3.9 warns,
 * without saying what was meant), so a misspelled {@code <workflowVerison>} would silently leave the check with its
 * defaults. Plugin-level configuration is shared by every goal of the plugin, so there an element is unknown only
 * when no goal has such a parameter; inside an execution, which configures one goal, another goal's parameter is
 * reported too, as having no effect there.
 */
public final class UnknownParameters {

    private final String goal;
    private final Set<String> own;
    private final Map<String, String> others;
    /** A property's whole name and its last part, lower case, to the parameter and the property. */
    private final Map<String, Map.Entry<String, String>> byProperty;

    /**
     * @param goal the goal as users type it ({@code workflow:check})
     * @param own the names (and aliases) of its parameters
     * @param others each parameter of the plugin's other goals, with the first such goal ({@code workflow:fix})
     */
    public UnknownParameters(String goal, Collection<String> own, Map<String, String> others) {
        this(goal, own, others, Map.of());
    }

    /**
     * @param properties this goal's parameters by their command-line property ({@code workflow.formats} →
     *     {@code reportFormats}): an element written with the property's name (`<formats>`, as in
     *     {@code -Dworkflow.formats}) is suggested the parameter, however far the two names are apart
     */
    public UnknownParameters(
            String goal, Collection<String> own, Map<String, String> others, Map<String, String> properties) {
        this.goal = goal;
        this.own = new LinkedHashSet<>(own);
        this.others = new LinkedHashMap<>(others);
        this.others.keySet().removeAll(this.own);
        this.byProperty = new LinkedHashMap<>();
        properties.forEach((property, parameter) -> {
            String last = property.substring(property.lastIndexOf('.') + 1);
            for (String name : List.of(property, last)) {
                byProperty.putIfAbsent(name.toLowerCase(Locale.ROOT), Map.entry(parameter, property));
            }
        });
    }

    /** One warning per element that configures nothing, in the order given. */
    public List<String> warnings(List<ConfiguredElement> elements) {
        List<String> out = new ArrayList<>();
        for (ConfiguredElement element : elements) {
            String name = element.name();
            if (own.contains(name)) {
                continue;
            }
            String otherGoal = others.get(name);
            if (otherGoal != null) {
                if (element.inExecution()) {
                    out.add(element.where() + ": <" + name + "> is a parameter of " + otherGoal + ", not of " + goal
                            + ": inside this <execution> Maven ignores it");
                }
                continue;
            }
            Set<String> candidates = new LinkedHashSet<>(own);
            if (!element.inExecution()) {
                candidates.addAll(others.keySet());
            }
            Map.Entry<String, String> byItsProperty = byProperty.get(name.toLowerCase(Locale.ROOT));
            String suggestion = byItsProperty != null && !byItsProperty.getKey().equals(name)
                    ? "; did you mean <" + byItsProperty.getKey() + ">? (-D" + byItsProperty.getValue()
                            + " on the command line)"
                    : ClosestName.among(name, candidates)
                            .map(meant -> "; did you mean <" + meant + ">?")
                            .orElse("");
            out.add(element.where() + ": <" + name + "> is not a parameter of " + goal
                    + ": Maven ignores it, and the goal runs as if it were not there" + suggestion);
        }
        return out;
    }
}
