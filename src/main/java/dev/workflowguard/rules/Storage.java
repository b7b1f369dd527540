package dev.workflowguard.rules;

import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.values.ChartDefaults;
import dev.workflowguard.yaml.YamlEntry;
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
