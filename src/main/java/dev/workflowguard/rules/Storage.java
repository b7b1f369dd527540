package dev.workflowguard.rules;

import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.values.ChartDefaults;
import dev.workflowguard.yaml.YamlEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What the object storage rules share: the backend in values, and the objects that show it in the render. */
final class Storage {

    static final ValuesKey BACKEND = ValuesKey.of("global.storage");
    static final String MINIO = "deis-minio";
    static final String KEYFILE = "objectstorage-keyfile";
    static final String BACKEND_ANNOTATION = "deis.io/objectstorage";

    /** The in-cluster Minio, rendered only when it is the backend. */
    static final ObjectMatch MINIO_DEPLOYMENT = ObjectMatch.named("Deployment", MINIO);
    /** The Secret every component reads its storage settings from, annotated with the backend. */
    static final ObjectMatch KEYFILE_BACKEND =
            ObjectMatch.named("Secret", KEYFILE).reading(ObjectField.annotation(BACKEND_ANNOTATION));

    /**
     * The subcharts that, up to Workflow 2.8, each render their own storage Secret from their own
     * `<chart>.s3.*` (… `gcs`, `azure`, `swift`) values, by chart, with the Secret's name.
     */
    static final Map<String, String> OWN_KEYFILES = Map.of(
            "builder", KEYFILE,
            "registry", "registry-storage-keyfile",
            "database", "database-storage-keyfile");

    /**
     * A Secret holding storage settings, and where its template reads them.
     *
     * @param secret the Secret's name
     * @param prefix "" for the umbrella's top-level keys (`s3.region`), else the subchart's (`builder.`)
     * @param reads the umbrella paths of the settings the template reads, or null when the release is not known
     *     (then every setting of the backend counts)
     */
    record Keyfile(String secret, String prefix, Set<String> reads) {
        String path(String backend, String key) {
            return prefix + backend + "." + key;
        }

        boolean reads(String backend, String key) {
            return reads == null || reads.contains(path(backend, key));
        }

        /** The subchart that reads the settings (`builder`), or "" for the umbrella. */
        String chart() {
            return prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
        }
    }

    /**
     * Where the release reads its storage settings, by the release table: the umbrella's top-level keys from
     * 2.9, each of builder, registry and database its own in 2.8. The umbrella shape for a release the table does
     * not know.
     */
    static List<Keyfile> keyfiles(WorkflowVersion version) {
        return WorkflowReleases.bundled()
                .helmRelease(version)
                .map(match -> match.facts().storageSecrets())
                .filter(secrets -> !secrets.isEmpty())
                .map(secrets -> secrets.entrySet().stream()
                        .map(secret -> new Keyfile(
                                secret.getKey(), prefixOf(secret.getValue()), Set.copyOf(secret.getValue())))
                        .toList())
                .orElse(List.of(new Keyfile(KEYFILE, "", null)));
    }

    /** The part before `<backend>.<key>` the settings share: "" or "builder.". */
    private static String prefixOf(List<String> reads) {
        if (reads.isEmpty()) {
            return "";
        }
        String first = reads.get(0);
        String[] parts = first.split("\\.");
        return parts.length <= 2 ? "" : String.join(".", List.of(parts).subList(0, parts.length - 2)) + ".";
    }

    private static final Pattern PLACEHOLDER_SHAPE = Pattern.compile("(?i)(your[-_ ].*|<[^<>]*>)");

    private Storage() {}

    /** The keyfile Secret's backend annotation, or null. */
    static YamlEntry backendAnnotation(KubeObject keyfile) {
        return keyfile.annotation(BACKEND_ANNOTATION);
    }

    /** True for the chart's placeholders and for text shaped like one ("your-…", "<…>"). */
    static boolean isPlaceholder(String text) {
        return text != null
                && (ChartDefaults.PLACEHOLDERS.containsValue(text.trim())
                        || PLACEHOLDER_SHAPE.matcher(text.trim()).matches());
    }
}
