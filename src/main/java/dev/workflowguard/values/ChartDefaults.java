package dev.workflowguard.values;

import dev.workflowguard.release.KeyHistory;
import dev.workflowguard.release.ReleaseFacts;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.release.WorkflowVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Workflow chart's defaults for the keys the rules read. For every key the release table covers, the
 * defaults are the matched release's, as its chart has them (a key the release lacks has none); without a
 * known version (unset, not in the table, or a Helm Classic release, which had no Helm values), only a default
 * every Helm release agrees on is assumed. Keys the table does not cover keep the defaults below.
 */
public final class ChartDefaults implements DefaultValues {

    /** Placeholders the stock chart ships, which never work as real settings. */
    public static final Map<String, String> PLACEHOLDERS = placeholders();

    /**
     * The keys whose defaults the rules read: the values a fix's merge proof and {@link ValuesDifference} compare
     * beyond the files' own leaves. Not every key of the table: the image tags' defaults, say, change nothing a
     * fix of the values could undo.
     */
    private static final List<String> RULE_DEFAULTS = ruleDefaults();

    private final WorkflowVersion version;
    private final WorkflowReleases table;
    /** The release whose Helm chart facts apply, or null when the version is unset, unknown or Helm Classic. */
    private final ReleaseFacts release;

    private final Map<String, String> fixed = new LinkedHashMap<>();

    private ChartDefaults(WorkflowVersion version, WorkflowReleases table) {
        this.version = version;
        this.table = table;
        this.release = table.helmRelease(version)
                .map(WorkflowReleases.ReleaseMatch::facts)
                .orElse(null);
        fixed.put("global.storage", "minio");
        fixed.putAll(PLACEHOLDERS);
        fixed.put("s3.accesskey", "");
        fixed.put("s3.secretkey", "");
        fixed.put("s3.region", "us-west-1");
        fixed.put("monitor.grafana.user", "admin");
        fixed.put("monitor.grafana.password", "admin");
        for (String component : new String[] {"grafana", "influxdb", "logger_redis", "database", "registry"}) {
            fixed.put("global." + component + "_location", "on-cluster");
        }
        fixed.put("global.experimental_native_ingress", "false");
        fixed.put("global.native_ingress", "false");
    }

    /** The defaults of the version, from the bundled release table. */
    public static ChartDefaults forVersion(WorkflowVersion version) {
        return forVersion(version, WorkflowReleases.bundled());
    }

    /** The defaults of the version, from the given release table. */
    public static ChartDefaults forVersion(WorkflowVersion version, WorkflowReleases table) {
        return new ChartDefaults(version, table);
    }

    @Override
    public WorkflowVersion version() {
        return version;
    }

    @Override
    public Collection<ValuesPath> paths() {
        return RULE_DEFAULTS.stream().map(ValuesPath::parse).toList();
    }

    /** The chart's default for a path, if the chart has one the rules care about. */
    @Override
    public Optional<ChartDefault> lookup(ValuesPath path) {
        String key = path.toString();
        if (table.covers(key)) {
            return Optional.ofNullable(release != null ? fromRelease(key) : settled(key));
        }
        return Optional.ofNullable(fixed.get(key)).map(this::known);
    }

    /** The matched release's default; a key it lacks has none, and the explanation says so. */
    private ChartDefault fromRelease(String key) {
        if (!release.has(key)) {
            return new ChartDefault(null, "the chart of Workflow " + version.display() + " has no such key");
        }
        return release.defaultOf(key).map(this::known).orElse(null);
    }

    /** Without a known release: the default every release agrees on, or none, saying that it changed. */
    private ChartDefault settled(String key) {
        KeyHistory history = table.history(key);
        List<String> defaults = history.existing().stream()
                .map(KeyHistory.Run::defaultValue)
                .distinct()
                .toList();
        if (defaults.isEmpty() || (defaults.size() == 1 && defaults.get(0) == null)) {
            return null;
        }
        if (defaults.size() == 1) {
            return known(defaults.get(0));
        }
        return new ChartDefault(null, "chart " + history.defaults() + "; the Workflow version is " + unknown());
    }

    /** Why no release's facts apply: "not configured", "a Helm Classic release (2.7.0)", "not a known release". */
    private String unknown() {
        if (!version.isSet()) {
            return "not configured";
        }
        return (table.isHelmClassic(version) ? "a Helm Classic release (" : "not a known release (") + version.display()
                + ")";
    }

    private ChartDefault known(String value) {
        String scope = release != null ? "chart default for Workflow " + version.display() : "chart default";
        return new ChartDefault(value, scope + " is \"" + value + "\"");
    }

    private static List<String> ruleDefaults() {
        List<String> keys = new ArrayList<>(
                List.of("controller.registration_mode", "monitor.grafana.allow_sign_up", "global.use_rbac"));
        keys.add("global.storage");
        keys.addAll(PLACEHOLDERS.keySet());
        keys.add("swift.tenant");
        keys.addAll(List.of(
                "s3.accesskey", "s3.secretkey", "s3.region", "monitor.grafana.user", "monitor.grafana.password"));
        for (String component : new String[] {"grafana", "influxdb", "logger_redis", "database", "registry"}) {
            keys.add("global." + component + "_location");
        }
        keys.addAll(List.of("router.host_port.enabled", "global.experimental_native_ingress", "global.native_ingress"));
        return List.copyOf(keys);
    }

    private static Map<String, String> placeholders() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String backend : new String[] {"s3", "gcs"}) {
            map.put(backend + ".registry_bucket", "your-registry-bucket-name");
            map.put(backend + ".database_bucket", "your-database-bucket-name");
            map.put(backend + ".builder_bucket", "your-builder-bucket-name");
        }
        map.put("gcs.key_json", "<base64-encoded JSON data>");
        map.put("azure.accountname", "YOUR ACCOUNT NAME");
        map.put("azure.accountkey", "YOUR ACCOUNT KEY");
        map.put("swift.username", "Your OpenStack Swift Username");
        map.put("swift.password", "Your OpenStack Swift Password");
        // As the release table has them (every Helm chart, 2.8.0 - 2.23.0); swift.tenant defaults to "", no
        // placeholder.
        map.put("swift.authurl", "Swift auth URL for obtaining an auth token");
        map.put("swift.authversion", "Your OpenStack swift auth version");
        for (String backend : new String[] {"azure", "swift"}) {
            map.put(backend + ".registry_container", "your-registry-container-name");
            map.put(backend + ".database_container", "your-database-container-name");
            map.put(backend + ".builder_container", "your-builder-container-name");
        }
        return Map.copyOf(map);
    }
}
