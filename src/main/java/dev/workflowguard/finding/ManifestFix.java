package dev.workflowguard.finding;

import dev.workflowguard.yaml.SourceFile;
import java.util.List;

/**
 * An edit of a committed rendered manifest (proposed only with `workflow.fix.manifests=true`).
 *
 * @param file the manifest file
 * @param document the 0-based document holding the object
 * @param path keys and list indices from the document root to the scalar to set
 * @param value the new value
 * @param quoted write it as a quoted string
 * @param object the object edited, as `Kind/name`
 */
public record ManifestFix(
        SourceFile file, int document, List<Object> path, String value, boolean quoted, String object) {

    public ManifestFix {
        path = List.copyOf(path);
    }
}
