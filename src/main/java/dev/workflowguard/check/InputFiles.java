package dev.workflowguard.check;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Resolves configured paths against the base directory and expands manifest folders. */
final class InputFiles {

    private final Path baseDirectory;

    InputFiles(Path baseDirectory) {
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
    }

    /** How a file is named in messages: relative to the base directory when inside it, with forward slashes. */
    String displayName(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(baseDirectory) ? baseDirectory.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }

    Path resolve(String configured) {
        return baseDirectory.resolve(configured).normalize();
    }

    /** A configured values file: it must exist and be a file. */
    Path valuesFile(String configured) throws InputException {
        Path path = resolve(configured);
        if (!Files.exists(path)) {
            throw missing(configured, path, Parameters.VALUES);
        }
        if (Files.isDirectory(path)) {
            throw new InputException(
                    configured + " is a directory; valuesFiles takes values files (use manifests "
                            + "for folders of rendered manifests)",
                    Parameters.VALUES);
        }
        if (!Files.isRegularFile(path)) {
            // A FIFO or a device would block or never end: only regular files are read.
            throw new InputException(configured + " is not a regular file", Parameters.VALUES);
        }
        return path;
    }

    /**
     * A configured manifest file, or every `*.yaml`/`*.yml` under a configured folder, sorted. A configured
     * path that is a symbolic link (to a file or a folder) is followed; links met while walking a folder are
     * followed to files but not to folders, so a link loop cannot trap the walk.
     */
    List<Path> manifestFiles(String configured) throws InputException {
        Path path = resolve(configured);
        if (!Files.exists(path)) {
            throw missing(configured, path, Parameters.MANIFESTS);
        }
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) {
                throw new InputException(configured + " is not a regular file", Parameters.MANIFESTS);
            }
            return List.of(path);
        }
        // The walk starts at the folder a configured link leads to; files are named under the configured path.
        Path folder;
        try {
            folder = Files.isSymbolicLink(path) ? path.toRealPath() : path;
        } catch (IOException e) {
            throw new InputException(configured + " cannot be followed: " + e.getMessage(), Parameters.MANIFESTS);
        }
        List<Path> files = new ArrayList<>();
        List<String> skippedLinks = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    Path named = path.resolve(folder.relativize(file));
                    if (attributes.isSymbolicLink() && Files.isDirectory(file)) {
                        skippedLinks.add(displayName(named));
                    } else if (Files.isRegularFile(file) && isYaml(file)) {
                        files.add(named);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InputException(configured + " cannot be listed: " + e.getMessage(), Parameters.MANIFESTS);
        }
        files.sort(Comparator.comparing(Path::toString));
        if (files.isEmpty()) {
            throw new InputException(
                    configured + " holds no .yaml or .yml files" + skipped(skippedLinks), Parameters.MANIFESTS);
        }
        return files;
    }

    /** Says which links to folders the walk left alone, and how to have them read. */
    private static String skipped(List<String> links) {
        if (links.isEmpty()) {
            return "";
        }
        return " ("
                + (links.size() == 1
                        ? "a symbolic link to a folder was"
                        : links.size() + " symbolic links to folders were")
                + " skipped: " + String.join(", ", links.stream().sorted().toList())
                + "; links inside a manifests folder are not followed to folders: configure such a folder in "
                + "<manifests> itself)";
    }

    /** A configured path that cannot be read: missing, or a symbolic link that leads nowhere or in a loop. */
    private static InputException missing(String configured, Path path, String parameter) {
        if (!Files.isSymbolicLink(path)) {
            return new InputException(configured + " does not exist (looked for " + path + ")", parameter);
        }
        String why;
        try {
            path.toRealPath();
            why = "it cannot be followed";
        } catch (NoSuchFileException e) {
            why = "it leads to " + target(path) + ", which does not exist";
        } catch (FileSystemException e) {
            why = e instanceof FileSystemLoopException
                            || String.valueOf(e.getReason()).contains("levels of symbolic links")
                    ? "the links lead round in a loop"
                    : "it cannot be followed: " + e.getReason();
        } catch (IOException e) {
            why = "it cannot be followed: " + e.getMessage();
        }
        return new InputException(configured + " is a symbolic link that leads to no file (" + why + ")", parameter);
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a missing file";
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
