package dev.workflowguard.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One values key across every release of the table: the runs of consecutive releases in which it is
 * absent, or present with the same default. The rule docs show it, and a check without a known version
 * uses it to tell a default every release agrees on from one that changed.
 *
 * @param key the values key (`global.use_rbac`)
 * @param runs consecutive releases with the same existence and default, first to last
 */
public record KeyHistory(String key, List<Run> runs) {

    /**
     * Consecutive releases that agree on the key.
     *
     * @param first the first release of the run
     * @param last the last release of the run
     * @param exists whether the key exists in these releases
     * @param defaultValue its default there, or null when it has none (or does not exist)
     */
    public record Run(WorkflowVersion first, WorkflowVersion last, boolean exists, String defaultValue) {}

    public KeyHistory {
        runs = List.copyOf(runs);
    }

    /**
     * The key's history from the index: the table's releases in order, and the runs in which the key exists;
     * every release outside those runs lacks the key.
     */
    static KeyHistory of(String key, List<WorkflowVersion> releases, List<WorkflowReleases.KeyRun> existing) {
        List<Run> runs = new ArrayList<>();
        for (WorkflowVersion release : releases) {
            WorkflowReleases.KeyRun in = existing.stream()
                    .filter(run -> run.from().compareTo(release) <= 0 && release.compareTo(run.to()) <= 0)
                    .findFirst()
                    .orElse(null);
            boolean exists = in != null;
            String value = exists ? in.defaultValue() : null;
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.exists() == exists && Objects.equals(last.defaultValue(), value)) {
                runs.set(runs.size() - 1, new Run(last.first(), release, exists, value));
            } else {
                runs.add(new Run(release, release, exists, value));
            }
        }
        return new KeyHistory(key, runs);
    }

    /** Whether the release has the key. */
    public boolean existsIn(WorkflowVersion release) {
        return existing().stream()
                .anyMatch(run -> run.first().compareTo(release) <= 0 && release.compareTo(run.last()) <= 0);
    }

    /** The runs in which the key exists. */
    public List<Run> existing() {
        return runs.stream().filter(Run::exists).toList();
    }

    /** True when the key exists in every release of the history (every Helm chart, for the table's). */
    public boolean inEveryRelease() {
        return runs.stream().allMatch(Run::exists);
    }

    /** The first release that has the key; empty when none does. */
    public Optional<WorkflowVersion> firstRelease() {
        return existing().stream().findFirst().map(Run::first);
    }

    /**
     * The one default every release that has the key agrees on; empty when the default changed between
     * releases, or no release gives it one. A release without the key does not count as a change.
     */
    public Optional<String> settledDefault() {
        List<String> defaults =
                existing().stream().map(Run::defaultValue).distinct().toList();
        return defaults.size() == 1 ? Optional.ofNullable(defaults.get(0)) : Optional.empty();
    }

    /**
     * Where the key exists and what its default is, for the docs: "Workflow 2.15.0 – 2.23.0; default false up
     * to 2.21.x, true from 2.22.0", "every Helm chart of Workflow (2.8.0 – 2.23.0); default minio", "no Workflow
     * release". The releases are those with a Helm chart: Helm Classic charts (2.0 – 2.7) had no Helm values.
     */
    public String describe() {
        return existing().isEmpty() ? where() : where() + "; " + defaults();
    }

    /** "Workflow 2.15.0 – 2.23.0", "every Helm chart of Workflow (2.8.0 – 2.23.0)", "no Workflow release". */
    public String where() {
        if (existing().isEmpty()) {
            return "no Workflow release";
        }
        return inEveryRelease()
                ? "every Helm chart of Workflow ("
                        + span(runs.get(0).first(), runs.get(runs.size() - 1).last()) + ")"
                : "Workflow " + spans();
    }

    /** "default false up to 2.21.x, true from 2.22.0", "default minio", "no default". */
    public String defaults() {
        List<Run> existing = mergedDefaults();
        if (existing.size() == 1) {
            return existing.get(0).defaultValue() == null
                    ? "no default"
                    : "default " + shown(existing.get(0).defaultValue());
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < existing.size(); i++) {
            Run run = existing.get(i);
            String value = run.defaultValue() == null ? "no default" : shown(run.defaultValue());
            if (i == 0) {
                parts.add(value + " up to " + end(run));
            } else if (i == existing.size() - 1) {
                parts.add(value + " from " + run.first().display());
            } else {
                parts.add(value + " from " + run.first().display() + " to " + end(run));
            }
        }
        return "default " + String.join(", ", parts);
    }

    /**
     * The existing runs with neighbours of the same default joined, even across releases that lack the key:
     * the docs say how the default moved, the existence spans say where the key is.
     */
    private List<Run> mergedDefaults() {
        List<Run> merged = new ArrayList<>();
        for (Run run : existing()) {
            Run last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && Objects.equals(last.defaultValue(), run.defaultValue())) {
                merged.set(merged.size() - 1, new Run(last.first(), run.last(), true, run.defaultValue()));
            } else {
                merged.add(run);
            }
        }
        return merged;
    }

    /** "2.15.0 – 2.23.0", or "2.10.0 – 2.11.1, 2.14.0 – 2.23.0" for a key that left and came back. */
    private String spans() {
        List<String> spans = new ArrayList<>();
        Run open = null;
        WorkflowVersion last = null;
        for (Run run : runs) {
            if (run.exists()) {
                if (open == null) {
                    open = run;
                }
                last = run.last();
            } else if (open != null) {
                spans.add(span(open.first(), last));
                open = null;
            }
        }
        if (open != null) {
            spans.add(span(open.first(), last));
        }
        return spans.stream().collect(Collectors.joining(", "));
    }

    private static String span(WorkflowVersion first, WorkflowVersion last) {
        return first.equals(last) ? first.display() : first.display() + " – " + last.display();
    }

    /** "2.21.x" when the run ends with its release line, else the exact last release. */
    private String end(Run run) {
        WorkflowVersion last = run.last();
        WorkflowVersion next = nextRelease(last);
        return next == null || !next.sameMinor(last) ? last.line() : last.display();
    }

    /** The release after this one in the table, or null for the newest. */
    private WorkflowVersion nextRelease(WorkflowVersion release) {
        boolean seen = false;
        for (Run run : runs) {
            if (seen) {
                return run.first();
            }
            if (run.last().equals(release)) {
                seen = true;
            }
        }
        return null;
    }

    /** A default as the docs show it: bare, or quoted when empty or holding spaces. */
    private static String shown(String value) {
        return value.isEmpty() || value.contains(" ") ? "\"" + value + "\"" : value;
    }
}
