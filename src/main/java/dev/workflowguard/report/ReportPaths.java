package dev.workflowguard.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths as code-scanning tools and CI expect them: relative to the repository root (the enclosing
 * git work tree), with forward slashes; the project base directory when there is no git.
 */
public final class ReportPaths {

    private final Path baseDirectory;
    private final Path root;

    public ReportPaths(Path baseDirectory) {
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
        this.root = repositoryRoot(this.baseDirectory);
    }

    public static Path repositoryRoot(Path baseDirectory) {
        Path base = baseDirectory.toAbsolutePath().normalize();
        for (Path dir = base; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return base;
    }

    /** A path as messages show it: relative to the base directory when inside it, with forward slashes. */
    public static String shown(Path baseDirectory, Path path) {
        Path base = baseDirectory.toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return (absolute.startsWith(base) ? base.relativize(absolute) : absolute)
                .toString()
                .replace('\\', '/');
    }

    /** A file shown relative to the base directory, as the repository sees it. */
    public String fromRoot(String displayName) {
        Path file = Path.of(displayName);
        if (file.isAbsolute() || displayName.startsWith("--") || displayName.contains("!/")) {
            return displayName;
        }
        Path absolute = baseDirectory.resolve(file).normalize();
        return (absolute.startsWith(root) ? root.relativize(absolute) : absolute)
                .toString()
                .replace('\\', '/');
    }

    /** The same, as a relative URI reference (spaces and other reserved characters encoded). */
    public String uri(String displayName) {
        try {
            return new URI(null, null, fromRoot(displayName), null).toASCIIString();
        } catch (URISyntaxException e) {
            return fromRoot(displayName).replace(" ", "%20");
        }
    }

    public Path root() {
        return root;
    }
}
