package dev.workflowguard.render;

import dev.workflowguard.release.WorkflowVersion;
import java.nio.file.Path;

/**
 * A chart ready to render: its folder (unpacked when configured as a `.tgz`), its name and its
 * version from Chart.yaml, and how the user named it.
 *
 * @param directory the chart's root folder (the one holding Chart.yaml)
 * @param displayRoot how files inside it are named in messages, e.g. `charts/workflow` or `workflow-v2.19.4.tgz!/workflow`
 * @param name the chart's name
 * @param version the chart's version, read as a Workflow release
 * @param fingerprint changes whenever any file of the chart changes (for render caching)
 * @param files how many files the chart holds, subcharts included: what Helm reads to render it
 * @param archive the `.tgz` the chart was unpacked from, as configured, or null for a chart folder
 */
public record Chart(
        Path directory,
        String displayRoot,
        String name,
        WorkflowVersion version,
        String fingerprint,
        int files,
        Archive archive) {

    /** A packaged chart: the archive file and its name as shown in messages. */
    public record Archive(Path file, String displayName) {}

    /** True for a file of the chart that is only inside its archive, not a file of the project. */
    public boolean isPacked(Path file) {
        return archive != null && file.toAbsolutePath().normalize().startsWith(directory);
    }

    /** A file of the chart as shown in messages. */
    public String display(Path file) {
        return displayRoot + "/" + directory.relativize(file).toString().replace('\\', '/');
    }
}
