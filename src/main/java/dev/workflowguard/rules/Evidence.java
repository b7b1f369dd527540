package dev.workflowguard.rules;

import dev.workflowguard.manifests.ManifestSet;
import java.util.function.Predicate;

/**
 * Something a rule looks for anywhere among the rendered objects, not object by object: a router
 * autoscaler, a certificate Secret, a Role. Such evidence in one manifest file changes what the
 * objects of another mean, so manifest files can be checked one by one only when each shows the
 * same evidence ({@link ManifestFacts}); provenance compares it between renders ({@link Trace}).
 *
 * @param name a short name ("router scaled")
 * @param meaning what counts, for the docs
 * @param shownBy whether a set of objects shows it (no values, no configuration: the objects alone)
 */
public record Evidence(String name, String meaning, Predicate<ManifestSet> shownBy) {

    public boolean shownIn(ManifestSet objects) {
        return shownBy.test(objects);
    }
}
