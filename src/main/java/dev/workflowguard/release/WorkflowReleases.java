package dev.workflowguard.release;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlData;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The chart facts of every Workflow release, as `src/facts/workflow-chart-facts.py` read them from the
 * public release tags (docs/chart-facts.md). Defaults, which keys exist and the remedies come from here,
 * never from what workflow-guard's authors remember about a release.
 */
public final class WorkflowReleases {

    static final String FOLDER = "/dev/workflowguard/facts/";
    private static final String HELM_CLASSIC = "helm-classic";

    private final List<String> keys;
    private final List<WorkflowVersion> versions;
    private final Supplier<Map<String, List<KeyRun>>> history;
    /** The releases whose chart was a Helm Classic chart (deis/charts, 2.0 – 2.7): they have no Helm values. */
    private final Set<WorkflowVersion> helmClassic;

    private final Function<WorkflowVersion, ReleaseFacts> reader;
    private final Map<WorkflowVersion, ReleaseFacts> read = new ConcurrentHashMap<>();

    private WorkflowReleases(
            List<String> keys,
            List<WorkflowVersion> versions,
            Supplier<Map<String, List<KeyRun>>> history,
            Set<WorkflowVersion> helmClassic,
            Function<WorkflowVersion, ReleaseFacts> reader) {
        this.keys = List.copyOf(keys);
        this.versions = versions.stream().sorted().toList();
        this.history = history;
        this.helmClassic = Set.copyOf(helmClassic);
        this.reader = reader;
    }

    /** A table of releases held whole, as tests build it; the history is derived from them. */
    WorkflowReleases(List<String> keys, List<ReleaseFacts> releases, Set<WorkflowVersion> helmClassic) {
        this(
                keys,
                releases.stream().map(ReleaseFacts::version).toList(),
                memoized(() -> derivedHistory(keys, releases)),
                helmClassic,
                version -> releases.stream()
                        .filter(release -> release.version().equals(version))
                        .findFirst()
                        .orElseThrow());
    }

    /**
     * The table bundled with the plugin. Its index is read once per JVM; a release's own file only when a check
     * asks for that release, so a build reads two small files, not the whole table.
     */
    public static WorkflowReleases bundled() {
        return Bundled.TABLE;
    }

    /** The values keys the table was asked about: for these, absence from a release means the key does not exist. */
    public List<String> keys() {
        return keys;
    }

    /** Every release, read whole: for the docs and the tests, not for a check. */
    public List<ReleaseFacts> releases() {
        return versions.stream().map(this::facts).toList();
    }

    /** The releases in order, from the index. */
    public List<WorkflowVersion> versions() {
        return versions;
    }

    /** Whether the table answers for the key: for a key it was not asked about, nothing is known. */
    public boolean covers(String key) {
        return keys.contains(key);
    }

    /**
     * The runs of consecutive releases in which the key exists with the same default, oldest first; empty when it
     * exists in none or the table does not cover it. Read from the index: no release file is needed.
     */
    public List<KeyRun> runs(String key) {
        return history.get().getOrDefault(key, List.of());
    }

    /** The key across every release: where it exists and how its default moved. Read from the index alone. */
    public KeyHistory history(String key) {
        return KeyHistory.of(key, helmVersions(), runs(key));
    }

    /**
     * The releases that shipped a Helm chart (2.8.0 on), in order: the ones whose values workflow-guard checks.
     * Deis Workflow 2.0 – 2.7 shipped Helm Classic charts (deis/charts), which had no Helm values at all.
     */
    public List<WorkflowVersion> helmVersions() {
        return versions.stream()
                .filter(version -> !helmClassic.contains(version))
                .toList();
    }

    /**
     * Whether the version's release (itself, or the nearest lower one of its line) shipped a Helm Classic chart.
     * Read from the index: no release file is needed.
     */
    public boolean isHelmClassic(WorkflowVersion version) {
        return nearest(version).filter(helmClassic::contains).isPresent();
    }

    /** The Helm release lines the table has, for messages: "2.8 – 2.23". */
    public String lines() {
        List<WorkflowVersion> helm = helmVersions();
        WorkflowVersion first = helm.get(0);
        WorkflowVersion last = helm.get(helm.size() - 1);
        return first.line().replace(".x", "") + " – " + last.line().replace(".x", "");
    }

    /**
     * The release whose Helm chart facts apply to the version, as {@link #lookup} finds it; empty also for a
     * Helm Classic release, which had no Helm values: a check then assumes nothing version-dependent.
     */
    public Optional<ReleaseMatch> helmRelease(WorkflowVersion version) {
        return nearest(version)
                .filter(release -> !helmClassic.contains(release))
                .flatMap(release -> lookup(version));
    }

    /**
     * Why a check cannot use the version's facts, for the log: the version is unset, not a release of the
     * table's Helm lines, or a Helm Classic release; empty when {@link #helmRelease} has its facts.
     */
    public Optional<String> unknownNote(WorkflowVersion version) {
        if (!version.isSet()) {
            return Optional.of("Workflow version not configured (<workflowVersion> / -Dworkflow.version): defaults "
                    + "that changed between releases are not assumed");
        }
        Optional<WorkflowVersion> nearest = nearest(version);
        if (nearest.isPresent() && helmClassic.contains(nearest.get())) {
            return Optional.of("Workflow " + version.display() + " was a Helm Classic chart (deis/charts): "
                    + "workflow-guard checks the Helm chart of Workflow "
                    + helmVersions().get(0).display()
                    + " and later, so defaults that changed between releases are not assumed");
        }
        if (nearest.isEmpty()) {
            return Optional.of("Workflow " + version.display() + " is not a known release (" + lines() + "): "
                    + "defaults that changed between releases are not assumed");
        }
        return Optional.empty();
    }

    /**
     * The release whose facts apply to the version: the release itself, or the nearest lower one for a version
     * between two known releases (2.11.5 → 2.11.0). Empty for an unset version, one below the first release, or
     * one of a minor line the table does not have.
     */
    public Optional<ReleaseMatch> lookup(WorkflowVersion version) {
        return nearest(version).map(release -> new ReleaseMatch(version, facts(release)));
    }

    /** The table's release for the version: itself or the nearest lower one of its line; read from the index. */
    private Optional<WorkflowVersion> nearest(WorkflowVersion version) {
        if (!version.isSet()) {
            return Optional.empty();
        }
        WorkflowVersion nearest = null;
        for (WorkflowVersion release : versions) {
            if (release.compareTo(version) > 0) {
                break;
            }
            nearest = release;
        }
        return nearest == null || !nearest.sameMinor(version) ? Optional.empty() : Optional.of(nearest);
    }

    /** The releases in which the key exists, first to last; empty when it exists in none or the table does not cover it. */
    public List<ReleaseFacts> releasesWith(String key) {
        return releases().stream().filter(release -> release.has(key)).toList();
    }

    public ReleaseFacts newest() {
        return facts(versions.get(versions.size() - 1));
    }

    private ReleaseFacts facts(WorkflowVersion version) {
        return read.computeIfAbsent(version, reader);
    }

    /**
     * Consecutive releases in which a key exists with the same default.
     *
     * @param from the first release of the run
     * @param to the last release of the run
     * @param defaultValue the default in these releases, or null when the key has none
     */
    public record KeyRun(WorkflowVersion from, WorkflowVersion to, String defaultValue) {}

    private static Map<String, List<KeyRun>> derivedHistory(List<String> keys, List<ReleaseFacts> releases) {
        List<ReleaseFacts> ordered = releases.stream()
                .sorted(Comparator.comparing(ReleaseFacts::version))
                .toList();
        Map<String, List<KeyRun>> history = new LinkedHashMap<>();
        for (String key : keys) {
            List<KeyRun> runs = new ArrayList<>();
            boolean previousHad = false;
            for (ReleaseFacts release : ordered) {
                if (!release.has(key)) {
                    previousHad = false;
                    continue;
                }
                String value = release.values().get(key);
                KeyRun last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (previousHad && Objects.equals(last.defaultValue(), value)) {
                    runs.set(runs.size() - 1, new KeyRun(last.from(), release.version(), value));
                } else {
                    runs.add(new KeyRun(release.version(), release.version(), value));
                }
                previousHad = true;
            }
            history.put(key, List.copyOf(runs));
        }
        return history;
    }

    /**
     * The facts that apply to a configured version.
     *
     * @param asked the version the user configured or the chart declares
     * @param facts the release whose facts apply
     */
    public record ReleaseMatch(WorkflowVersion asked, ReleaseFacts facts) {

        /** False when the version is not itself in the table and a lower release's facts stand in. */
        public boolean exact() {
            return asked.compareTo(facts.version()) == 0;
        }

        /** A remark for the log when the facts are another release's, or empty. */
        public Optional<String> note() {
            return exact()
                    ? Optional.empty()
                    : Optional.of("Workflow " + asked.display() + " is not in workflow-guard's release table: the "
                            + "facts of " + facts.title() + ", the nearest release below it, are used");
        }
    }

    /** Reads a table held in one file, every release whole: the shape tests write. */
    public static WorkflowReleases parse(String text) {
        Map<String, Object> root = load("release table", text);
        List<ReleaseFacts> releases = list(root.get("releases")).stream()
                .map(WorkflowReleases::release)
                .toList();
        return new WorkflowReleases(strings(root.get("keys")), releases, helmClassic(list(root.get("releases"))));
    }

    /**
     * Reads the index the script writes; the keys' history and each release's file are read from the resources
     * when first asked for, so that a check reads only what it uses.
     */
    static WorkflowReleases index(String text, Function<String, String> file) {
        Map<String, Object> root = load("workflow-releases.yaml", text);
        List<WorkflowVersion> versions = list(root.get("releases")).stream()
                .map(entry -> WorkflowVersion.parse(text(map(entry).get("version"))))
                .toList();
        Supplier<Map<String, List<KeyRun>>> history =
                memoized(() -> history(load("key-history.yaml", file.apply("key-history.yaml"))));
        Set<WorkflowVersion> helmClassic = helmClassic(list(root.get("releases")));
        return new WorkflowReleases(strings(root.get("keys")), versions, history, helmClassic, version -> {
            String name = "releases/" + version.display() + ".yaml";
            return release(load(name, file.apply(name)));
        });
    }

    private static Map<String, List<KeyRun>> history(Map<String, Object> root) {
        Map<String, List<KeyRun>> history = new LinkedHashMap<>();
        map(root.get("history"))
                .forEach((key, runs) -> history.put(
                        key,
                        list(runs).stream()
                                .map(WorkflowReleases::map)
                                .map(run -> new KeyRun(
                                        WorkflowVersion.parse(text(run.get("from"))),
                                        WorkflowVersion.parse(text(run.get("to"))),
                                        text(run.get("default"))))
                                .toList()));
        return Map.copyOf(history);
    }

    /** Computed once, on first use, from any thread. */
    private static <T> Supplier<T> memoized(Supplier<T> compute) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = compute.get();
                }
                return value;
            }
        };
    }

    /** The releases an index or a whole table marks `chart-format: helm-classic`. */
    private static Set<WorkflowVersion> helmClassic(List<Object> releases) {
        Set<WorkflowVersion> classic = new TreeSet<>();
        for (Object entry : releases) {
            Map<String, Object> release = map(entry);
            if (HELM_CLASSIC.equals(text(release.get("chart-format")))) {
                classic.add(WorkflowVersion.parse(text(release.get("version"))));
            }
        }
        return classic;
    }

    /**
     * Through the composer that already reads the values files, not SnakeYAML's object constructor: a check
     * then loads no classes for the table that it has not loaded for the values.
     */
    private static Map<String, Object> load(String name, String text) {
        try {
            YamlDocument document = new YamlLoader(YamlLimits.DEFAULTS).loadFirst(SourceFile.ofText(name, text));
            return map(YamlData.of(document.root()));
        } catch (YamlException e) {
            throw new IllegalStateException("workflow-guard's release table is broken: " + e.getMessage(), e);
        }
    }

    private static ReleaseFacts release(Object item) {
        Map<String, Object> map = map(item);
        Map<String, ReleaseFacts.Component> components = new TreeMap<>();
        map(map.get("components")).forEach((name, value) -> {
            Map<String, Object> component = map(value);
            components.put(
                    name,
                    new ReleaseFacts.Component(
                            name,
                            text(component.get("repository")),
                            text(component.get("tag")),
                            text(component.get("commit")),
                            text(component.get("pinned-by")),
                            text(component.get("image")),
                            text(component.get("tag-key"))));
        });
        Map<String, String> values = new LinkedHashMap<>();
        map(map.get("values")).forEach((key, value) -> values.put(key, text(value)));
        Map<String, ReleaseFacts.RenderedObject> rendered = new TreeMap<>();
        map(map.get("rendered")).forEach((object, value) -> {
            Map<String, Object> facts = map(value);
            Map<String, String> imageDefaults = new TreeMap<>();
            map(facts.get("image-defaults")).forEach((env, dflt) -> imageDefaults.put(env, text(dflt)));
            rendered.put(
                    object,
                    new ReleaseFacts.RenderedObject(
                            strings(facts.get("env")),
                            imageDefaults,
                            strings(facts.get("annotations")),
                            text(facts.get("replicas")),
                            text(facts.get("host-ports"))));
        });
        Map<String, List<String>> storageSecrets = new TreeMap<>();
        map(map.get("storage-secrets")).forEach((secret, reads) -> storageSecrets.put(secret, strings(reads)));
        Map<String, Object> umbrella = map(map.get("umbrella"));
        return new ReleaseFacts(
                WorkflowVersion.parse(text(map.get("version"))),
                text(map.get("line")),
                new ReleaseFacts.Source(
                        text(umbrella.get("repository")),
                        text(umbrella.get("tag")),
                        text(umbrella.get("commit")),
                        text(umbrella.get("date"))),
                components,
                values,
                rendered,
                storageSecrets);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(WorkflowReleases::text).toList();
    }

    /** Scalars as text: the table writes defaults as strings, but a number may come back typed. */
    private static String text(Object value) {
        if (value instanceof YamlData.FloatText number) {
            return number.text();
        }
        return value == null ? null : value.toString();
    }

    /** Holder: the index is read the first time a check needs it, not when the class loads. */
    private static final class Bundled {
        static final WorkflowReleases TABLE = index(resource("workflow-releases.yaml"), Bundled::resource);

        private static String resource(String name) {
            String path = FOLDER + name;
            try (InputStream in = WorkflowReleases.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("workflow-guard is missing its release table file " + path);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("workflow-guard cannot read its release table file " + path, e);
            }
        }
    }
}
