package dev.workflowguard.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Renders kept on disk between builds (the goals keep them in `target/workflow/render-cache`), each
 * under a digest of everything it depends on: the chart's content, the values texts, the `--set`
 * expressions and probes, the release name and namespace, the Helm library and the plugin build
 * (the salt). A build that renders the same thing again, provenance probes included, reads it
 * instead. Nothing here is ever trusted beyond its key: an unreadable entry is a miss.
 *
 * @param directory the folder of the entries
 * @param salt what else the renders depend on, e.g. the plugin build
 */
public record RenderCache(Path directory, String salt) {

    /** Entries kept: a chart's base render and its probes, for a few configurations. */
    private static final int KEPT = 64;

    private static final FileAttribute<?>[] OWNER_ONLY =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                    }
                    : new FileAttribute<?>[0];

    String key(RenderRequest request) {
        return ChartLoader.hash(("workflow-guard render cache 1\n" + salt + "\n" + HelmLibrary.coordinates() + "\n"
                        + request.contentKey())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The render kept under the key, or null. */
    String read(String key) {
        Path file = directory.resolve(key + ".yaml");
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // Used again: kept longer than the entries nobody reads.
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            return text;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Keeps a render; a cache that cannot be written only costs a render next time. */
    void write(String key, String text) {
        try {
            Files.createDirectories(directory);
            // Only the user reads it: a render holds what the chart makes of the values (its Secrets too).
            Path temporary = Files.createTempFile(directory, key, ".tmp", OWNER_ONLY);
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, directory.resolve(key + ".yaml"), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, directory.resolve(key + ".yaml"), StandardCopyOption.REPLACE_EXISTING);
            }
            prune();
        } catch (IOException | RuntimeException e) {
            // Next time it is rendered again.
        }
    }

    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(directory)) {
            entries = files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing(RenderCache::modified).reversed())
                    .toList();
        }
        for (Path old : entries.subList(Math.min(KEPT, entries.size()), entries.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
