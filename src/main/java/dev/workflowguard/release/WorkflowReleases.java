package dev.workflowguard.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The chart facts of every Workflow release, as `src/facts/workflow-chart-facts.py` read them from the
 * public release tags (docs/chart-facts.md). Defaults, which keys exist and the remedies come from here,
 * never from what workflow-guard's authors remember about a release.
 */
public final class WorkflowReleases {

    static final String RESOURCE = "/dev/workflowguard/facts/workflow-releases.yaml";

    private final List<String> keys;
    private final List<ReleaseFacts> releases;

    WorkflowReleases(List<String> keys, List<ReleaseFacts> releases) {
        this.keys = List.copyOf(keys);
        this.releases = releases.stream()
                .sorted(Comparator.comparing(ReleaseFacts::version))
                .toList();
    }

    /** The table bundled with the plugin, read once per JVM. */
    public static WorkflowReleases bundled() {
        return Bundled.TABLE;
    }

    /** The values keys the table was asked about: for these, absence from a release means the key does not exist. */
    public List<String> keys() {
        return keys;
    }

    public List<ReleaseFacts> releases() {
        return releases;
    }

    /** Whether the table answers for the key: for a key it was not asked about, nothing is known. */
    public boolean covers(String key) {
        return keys.contains(key);
    }

    /**
     * The release whose facts apply to the version: the release itself, or the nearest lower one for a version
     * between two known releases (2.11.5 → 2.11.0). Empty for an unset version, one below the first release, or
     * one of a minor line the table does not have.
     */
    public Optional<ReleaseMatch> lookup(WorkflowVersion version) {
        if (!version.isSet()) {
            return Optional.empty();
        }
        ReleaseFacts nearest = null;
        for (ReleaseFacts release : releases) {
            if (release.version().compareTo(version) > 0) {
                break;
            }
            nearest = release;
        }
        if (nearest == null || !nearest.version().sameMinor(version)) {
            return Optional.empty();
        }
        return Optional.of(new ReleaseMatch(version, nearest));
    }

    /** The releases in which the key exists, first to last; empty when it exists in none or the table does not cover it. */
    public List<ReleaseFacts> releasesWith(String key) {
        return releases.stream().filter(release -> release.has(key)).toList();
    }

    public ReleaseFacts newest() {
        return releases.get(releases.size() - 1);
    }

    /** The key across every release: where it exists and how its default moved. */
    public KeyHistory history(String key) {
        return KeyHistory.of(key, releases);
    }

    /** The release lines the table has, for messages: "2.0 – 2.23". */
    public String lines() {
        WorkflowVersion first = releases.get(0).version();
        WorkflowVersion last = newest().version();
        return first.line().replace(".x", "") + " – " + last.line().replace(".x", "");
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

    /** Reads a table in the format the script writes: the bundled one, or a test's own. */
    public static WorkflowReleases parse(String text) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        List<String> keys = strings(root.get("keys"));
        List<ReleaseFacts> releases = list(root.get("releases")).stream()
                .map(WorkflowReleases::release)
                .toList();
        return new WorkflowReleases(keys, releases);
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
                            text(facts.get("replicas"))));
        });
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
                rendered);
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

    /** Scalars as text: the table writes defaults as strings, but a date or a number may come back typed. */
    private static String text(Object value) {
        if (value instanceof Date date) {
            return date.toInstant().toString().substring(0, "yyyy-mm-dd".length());
        }
        return value == null ? null : value.toString();
    }

    /** Holder: the table is read the first time a check needs it, not when the class loads. */
    private static final class Bundled {
        static final WorkflowReleases TABLE = load();

        private static WorkflowReleases load() {
            try (InputStream in = WorkflowReleases.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("workflow-guard is missing its release table " + RESOURCE);
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("workflow-guard cannot read its release table " + RESOURCE, e);
            }
        }
    }
}
