package dev.workflowguard.values;

import dev.workflowguard.release.WorkflowVersion;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Workflow chart's defaults for the keys the rules read, per release, as listed in the domain
 * reference (read off the Deis v2.8 – v2.19 and Hephy v2.20 – v2.23 charts). Only keys whose
 * default matters to a rule are here; everything else is "no default known".
 */
public final class ChartDefaults implements DefaultValues {

    /** Placeholders the stock chart ships, which never work as real settings. */
    public static final Map<String, String> PLACEHOLDERS = placeholders();

    private final WorkflowVersion version;
    private final Map<String, String> fixed = new LinkedHashMap<>();

    private ChartDefaults(WorkflowVersion version) {
        this.version = version;
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
        fixed.put("router.host_port.enabled", "false");
        fixed.put("global.experimental_native_ingress", "false");
        fixed.put("global.native_ingress", "false");
    }

    public static ChartDefaults forVersion(WorkflowVersion version) {
        return new ChartDefaults(version);
    }

    @Override
    public WorkflowVersion version() {
        return version;
    }

    @Override
    public Collection<ValuesPath> paths() {
        return Stream.concat(Stream.of(VERSIONED), fixed.keySet().stream())
                .map(ValuesPath::parse)
                .toList();
    }

    /** The keys whose default depends on the release (see {@link #lookup}). */
    private static final String[] VERSIONED = {
        "controller.registration_mode", "monitor.grafana.allow_sign_up", "global.use_rbac"
    };

    /** The chart's default for a path, if the chart has one the rules care about. */
    @Override
    public Optional<ChartDefault> lookup(ValuesPath path) {
        String key = path.toString();
        return switch (key) {
            case "controller.registration_mode" ->
                Optional.of(versioned(
                        12,
                        "enabled",
                        "admin_only",
                        "was \"enabled\" up to Workflow 2.11 and is \"admin_only\" from 2.12"));
            case "monitor.grafana.allow_sign_up" ->
                Optional.of(
                        version.atLeast(14).orElse(true)
                                ? known("true")
                                : new ChartDefault(
                                        "true",
                                        "Workflow " + version.display()
                                                + " has no such key: Grafana sign-ups are always open before Workflow 2.14"));
            case "global.use_rbac" ->
                Optional.of(versioned(
                        20,
                        "false",
                        "true",
                        "is false in Deis Workflow (up to 2.19) and true in Hephy Workflow (2.20 and later)"));
            default -> Optional.ofNullable(fixed.get(key)).map(this::known);
        };
    }

    private ChartDefault versioned(int changedInMinor, String before, String after, String history) {
        Optional<Boolean> newer = version.atLeast(changedInMinor);
        if (newer.isEmpty()) {
            return new ChartDefault(
                    null,
                    "chart default " + history + "; the Workflow version is "
                            + (version.isSet() ? "not a known release (" + version.display() + ")" : "not configured"));
        }
        return known(newer.get() ? after : before);
    }

    private ChartDefault known(String value) {
        String scope = version.isKnown() ? "chart default for Workflow " + version.display() : "chart default";
        return new ChartDefault(value, scope + " is \"" + value + "\"");
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
        map.put("swift.authurl", "Swift auth URL for Keystone");
        map.put("swift.authversion", "Swift auth version");
        map.put("swift.tenant", "Swift tenant name");
        for (String backend : new String[] {"azure", "swift"}) {
            map.put(backend + ".registry_container", "your-registry-container-name");
            map.put(backend + ".database_container", "your-database-container-name");
            map.put(backend + ".builder_container", "your-builder-container-name");
        }
        return Map.copyOf(map);
    }
}
