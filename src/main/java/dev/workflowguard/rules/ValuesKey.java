package dev.workflowguard.rules;

import dev.workflowguard.release.KeyHistory;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.values.ValuesPath;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A Helm values key a rule reads, with the Workflow releases whose chart has it. A rule written
 * for a key that a release does not have must say so instead of trusting the key's default. For a
 * key the release table covers (or one below a covered key, like a router annotation), the table
 * says which releases have it; {@code since} and {@code until} are declared for the rules' wording
 * and ValuesKeyTableTest proves they agree with the table.
 *
 * @param path the key, or null for a pattern that names many keys
 * @param text the key as the docs show it (`controller.registration_mode`, `*.docker_tag`)
 * @param since the first release that has the key, or {@link WorkflowVersion#UNSET} for every release
 * @param until the last release that has the key, or {@link WorkflowVersion#UNSET} for every later release
 */
public record ValuesKey(ValuesPath path, String text, WorkflowVersion since, WorkflowVersion until) {

    /** A key with dot-separated simple keys, in every release. */
    public static ValuesKey of(String dotted) {
        return of(ValuesPath.parse(dotted));
    }

    public static ValuesKey of(ValuesPath path) {
        return new ValuesKey(path, path.toString(), WorkflowVersion.UNSET, WorkflowVersion.UNSET);
    }

    /** Many keys at once, described for the docs (`registry-token-refresher.*.password`). */
    public static ValuesKey pattern(String text) {
        return new ValuesKey(null, text, WorkflowVersion.UNSET, WorkflowVersion.UNSET);
    }

    /** The same key, first in that release (`2.14`). */
    public ValuesKey since(String release) {
        return new ValuesKey(path, text, WorkflowVersion.parse(release), until);
    }

    /** The same key, last in that release (`2.19`). */
    public ValuesKey until(String release) {
        return new ValuesKey(path, text, since, WorkflowVersion.parse(release));
    }

    /** A key below this one (a router annotation under `router.deployment_annotations`). */
    public ValuesKey child(String key) {
        return of(path.child(key));
    }

    /**
     * True when the release is known and its chart has no such key: values that set it have no effect
     * there. False for an unknown release or a Helm Classic one (2.0 – 2.7, no Helm values at all), where
     * nothing is assumed.
     */
    public boolean missingIn(WorkflowVersion version) {
        return missingIn(version, WorkflowReleases.bundled());
    }

    /** {@link #missingIn(WorkflowVersion)} by the given release table. */
    public boolean missingIn(WorkflowVersion version, WorkflowReleases table) {
        Optional<WorkflowReleases.ReleaseMatch> match = table.helmRelease(version);
        if (match.isEmpty()) {
            return false;
        }
        List<String> covered = coveredKeys(table);
        if (!covered.isEmpty()) {
            return covered.stream().anyMatch(key -> !match.get().facts().has(key));
        }
        return (since.isSet() && compare(version, since) < 0) || (until.isSet() && compare(version, until) > 0);
    }

    /**
     * The keys of the table that decide whether this one exists: the key itself and each of its parents the
     * table covers (`router.deployment_annotations` for an annotation under it); empty for a key it does not
     * cover at all, or a pattern.
     */
    List<String> coveredKeys(WorkflowReleases table) {
        if (path == null) {
            return List.of();
        }
        return IntStream.rangeClosed(1, path.size())
                .mapToObj(length -> path.prefix(length).toString())
                .filter(table::covers)
                .toList();
    }

    /** The key's history in the table (the deepest covered key for one below it), or empty when not covered. */
    public Optional<KeyHistory> history(WorkflowReleases table) {
        List<String> covered = coveredKeys(table);
        return covered.isEmpty() ? Optional.empty() : Optional.of(table.history(covered.get(covered.size() - 1)));
    }

    /** The first release of the bundled table whose chart has the key, when the table covers it. */
    public Optional<WorkflowVersion> firstRelease() {
        WorkflowReleases table = WorkflowReleases.bundled();
        List<String> covered = coveredKeys(table);
        if (covered.isEmpty()) {
            return since.isSet() ? Optional.of(since) : Optional.empty();
        }
        List<KeyHistory> histories = covered.stream().map(table::history).toList();
        return table.helmVersions().stream()
                .filter(release -> histories.stream().allMatch(history -> history.existsIn(release)))
                .findFirst();
    }

    public boolean inEveryRelease() {
        return !since.isSet() && !until.isSet();
    }

    /** "every release", "2.14 and later", "up to 2.19", "2.10 to 2.19", as declared. */
    public String releases() {
        if (since.isSet() && until.isSet()) {
            return since.display() + " to " + until.display();
        }
        if (since.isSet()) {
            return since.display() + " and later";
        }
        return until.isSet() ? "up to " + until.display() : "every release";
    }

    private static int compare(WorkflowVersion a, WorkflowVersion b) {
        return a.minor() != b.minor() ? Integer.compare(a.minor(), b.minor()) : Integer.compare(a.patch(), b.patch());
    }

    @Override
    public String toString() {
        return text;
    }
}
