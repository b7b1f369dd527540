package dev.workflowguard.fix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a fix plan as one patch that `git apply` accepts from the repository root. It names the files
 * a real run writes: for a values file reached through a link, the link's target (git stores the link
 * itself as a link, and `git apply` refuses to patch through it).
 */
public final class PatchFile {

    private PatchFile() {}

    /** Writes the patch (empty when there is nothing to fix) and returns its text. */
    public static String write(Path patch, Path baseDirectory, FixPlan plan) throws IOException {
        String text = text(baseDirectory, plan);
        Files.createDirectories(patch.toAbsolutePath().getParent());
        Files.writeString(patch, text, StandardCharsets.UTF_8);
        return text;
    }

    /** The plan as one patch, paths from the repository root. */
    public static String text(Path baseDirectory, FixPlan plan) {
        Path root = gitRoot(baseDirectory);
        StringBuilder text = new StringBuilder();
        for (FixPlan.FileChange change : plan.changes()) {
            Path file = written(change);
            String path = (file.startsWith(root) ? root.relativize(file) : file)
                    .toString()
                    .replace('\\', '/');
            text.append(UnifiedDiff.of(path, change.file().text(), change.newText()));
        }
        return text.toString();
    }

    /** The real file a change is written to (the plan resolved it when it checked the file may be written). */
    private static Path written(FixPlan.FileChange change) {
        if (change.target() != null) {
            return change.target();
        }
        try {
            return change.file().path().toRealPath();
        } catch (IOException e) {
            return change.file().path().toAbsolutePath().normalize();
        }
    }

    /**
     * The enclosing git work tree, whose root `git apply` takes paths from; else the base directory. Real
     * paths, so that they compare with the real files written.
     */
    static Path gitRoot(Path baseDirectory) {
        Path base = baseDirectory.toAbsolutePath().normalize();
        try {
            base = base.toRealPath();
        } catch (IOException e) {
            // not there: the absolute path is the best there is
        }
        for (Path dir = base; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return base;
    }
}
