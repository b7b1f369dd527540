package dev.workflowguard.rules;

import static java.util.stream.Collectors.toSet;

import dev.workflowguard.manifests.ManifestSet;
import java.util.Collection;
import java.util.Set;

/**
 * Which of the rules' {@link Evidence} a set of rendered objects shows. A set of manifest files can
 * be checked file by file, and the results joined, exactly when every file shows the same facts
 * as all of them together; otherwise the files must be checked as one set (FileByFileCheckTest
 * compares both ways of checking).
 *
 * @param shown the names of the evidence shown
 */
public record ManifestFacts(Set<String> shown) {

    public ManifestFacts {
        shown = Set.copyOf(shown);
    }

    /** The evidence the rules declare that the objects alone show (no values, no declared certificate). */
    public static ManifestFacts of(Collection<? extends Rule> rules, ManifestSet objects) {
        return new ManifestFacts(rules.stream()
                .flatMap(rule -> rule.inputs().evidence().stream())
                .filter(evidence -> evidence.shownIn(objects))
                .map(Evidence::name)
                .collect(toSet()));
    }

    public boolean shows(Evidence evidence) {
        return shown.contains(evidence.name());
    }
}
