package dev.workflowguard.render;

import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlScalar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Opens a configured chart: a folder holding Chart.yaml, or a `.tgz` as `helm package` writes it
 * (unpacked once per JVM into a temporary folder, so the goals of one build share it).
 */
public final class ChartLoader {

    private static final Map<String, Path> UNPACKED = new ConcurrentHashMap<>();

    private final YamlLimits limits;

    public ChartLoader(YamlLimits limits) {
        this.limits = limits;
    }

    public Chart load(Path configured, String displayName) throws RenderException {
        if (!Files.exists(configured)) {
            throw new RenderException(displayName + " does not exist (looked for " + configured + ")");
        }
        if (Files.isDirectory(configured)) {
            return open(configured, displayName, null);
        }
        String name = configured.getFileName().toString();
        if (!name.endsWith(".tgz") && !name.endsWith(".tar.gz")) {
            throw new RenderException(displayName + " is neither a chart folder nor a .tgz chart archive");
        }
        try {
            String hash = hash(Files.readAllBytes(configured));
            Path unpacked = UNPACKED.get(hash);
            if (unpacked == null || !Files.isDirectory(unpacked)) {
                unpacked = Files.createTempDirectory("workflow-guard-chart-");
                TarGz.extract(configured, displayName, unpacked);
                deleteOnExit(unpacked);
                UNPACKED.put(hash, unpacked);
            }
            Path root;
            try (Stream<Path> children = Files.list(unpacked)) {
                List<Path> folders = children.filter(p -> Files.exists(p.resolve("Chart.yaml")))
                        .toList();
                if (folders.size() != 1) {
                    throw new RenderException(
                            displayName + " does not hold exactly one chart folder with a Chart.yaml");
                }
                root = folders.get(0);
            }
            return open(root, displayName + "!/" + root.getFileName(), new Chart.Archive(configured, displayName));
        } catch (IOException e) {
            throw new RenderException(displayName + " cannot be unpacked: " + e.getMessage());
        }
    }

    private Chart open(Path directory, String displayRoot, Chart.Archive archive) throws RenderException {
        Path chartYaml = directory.resolve("Chart.yaml");
        if (!Files.isRegularFile(chartYaml)) {
            throw new RenderException(displayRoot + " has no Chart.yaml; give a chart folder or a .tgz chart archive");
        }
        YamlMap meta;
        try {
            SourceFile file = new SourceReader(limits).read(chartYaml, displayRoot + "/Chart.yaml");
            YamlDocument document = new YamlLoader(limits).loadFirst(file);
            if (document == null || !(document.root() instanceof YamlMap map)) {
                throw new RenderException(displayRoot + "/Chart.yaml is not a mapping");
            }
            meta = map;
        } catch (YamlException e) {
            throw new RenderException(e.getMessage());
        }
        String name = meta.get("name") instanceof YamlScalar n
                ? n.text()
                : directory.getFileName().toString();
        String versionText = meta.get("version") instanceof YamlScalar v ? v.text() : null;
        WorkflowVersion version;
        try {
            version = WorkflowVersion.parse(versionText);
        } catch (IllegalArgumentException e) {
            version = WorkflowVersion.UNSET;
        }
        List<Path> files = files(directory, displayRoot);
        return new Chart(
                directory.toAbsolutePath().normalize(),
                displayRoot,
                name,
                version,
                fingerprint(directory, files),
                files.size(),
                archive);
    }

    /**
     * Every file of the chart, subcharts included, in a stable order. Links are followed, as Helm follows them
     * when it loads a chart: a chart folder given as a link, or subcharts vendored as links to folders elsewhere.
     */
    private static List<Path> files(Path directory, String displayRoot) throws RenderException {
        try (Stream<Path> files = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileSystemLoopException loop) {
                throw new RenderException(displayRoot + " cannot be read: the symbolic link "
                        + directory.relativize(Path.of(loop.getFile())) + " leads back to a folder that holds it");
            }
            throw new RenderException(
                    displayRoot + " cannot be read: " + e.getCause().getMessage());
        } catch (IOException e) {
            throw new RenderException(displayRoot + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * A digest of every file's path and content: changes exactly when the chart changes (renders are kept
     * under it between builds, where a fresh clone gives every file a new time).
     */
    private static String fingerprint(Path directory, List<Path> files) throws RenderException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                digest.update((directory.relativize(file).toString().replace('\\', '/') + "|" + bytes.length + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new RenderException(directory + " cannot be read: " + e.getMessage());
        }
    }

    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the temporary folder when the JVM exits (the goals of one build share what is in it). */
    static void deleteOnExit(Path folder) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder the OS cleans up anyway
            }
        }));
    }
}
