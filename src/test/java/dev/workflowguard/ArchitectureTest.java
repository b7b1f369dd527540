package dev.workflowguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine (everything outside the mojo package) never imports Maven, so it can be driven from
 * tests, benchmarks or a future CLI; and every package says what it is for.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src", "main", "java", "dev", "workflowguard");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> walk = Files.walk(MAIN)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The packages of Maven's API, its resolver and its container: only the mojos may use them. */
    private static final List<String> MAVEN_PACKAGES =
            List.of("org.apache.maven", "org.eclipse.aether", "org.codehaus.plexus");

    private static final Pattern MAVEN_NAME = Pattern.compile(
            "\\b(?:" + MAVEN_PACKAGES.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")\\.[\\w.]+");

    /**
     * Every use of a Maven type in the sources under {@code root} outside its {@code maven} package, as {@code
     * file:line: name}: imports (static ones too) and names written out in the code (also in strings and comments, which the scan does
     * not tell apart: none needs to name Maven).
     */
    static List<String> mavenTypesOutsideTheMojoPackage(Path root) throws IOException {
        List<String> uses = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path source : walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(root.resolve("maven")))
                    .sorted()
                    .toList()) {
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher name = MAVEN_NAME.matcher(lines.get(i));
                    while (name.find()) {
                        uses.add(root.relativize(source) + ":" + (i + 1) + ": " + name.group());
                    }
                }
            }
        }
        return uses;
    }

    @Test
    void mavenTypesAreConfinedToTheMojoPackage() throws IOException {
        assertTrue(
                sources().size() > 30,
                "expected to scan the engine sources, found " + sources().size());
        assertEquals(
                List.of(),
                mavenTypesOutsideTheMojoPackage(MAIN),
                "only dev.workflowguard.maven may use " + MAVEN_PACKAGES + " (the engine runs without Maven)");
    }

    @Test
    void theScanFindsEveryKindOfMavenUseOutsideTheMojoPackage(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("maven"));
        Files.createDirectories(root.resolve("check"));
        Files.writeString(
                root.resolve("maven/Goal.java"),
                "package x.maven;\nimport org.apache.maven.plugin.AbstractMojo;\nimport org.eclipse.aether.RepositorySystem;\n");
        Files.writeString(root.resolve("check/Engine.java"), """
                package x.check;

                import org.apache.maven.plugin.logging.Log;
                import static org.codehaus.plexus.util.StringUtils.isEmpty;
                import java.util.List;

                class Engine {
                    org.eclipse.aether.artifact.Artifact artifact;
                    String text = "org.apache.maven.model";
                }
                """);
        assertEquals(
                List.of(
                        "check/Engine.java:3: org.apache.maven.plugin.logging.Log",
                        "check/Engine.java:4: org.codehaus.plexus.util.StringUtils.isEmpty",
                        "check/Engine.java:8: org.eclipse.aether.artifact.Artifact",
                        "check/Engine.java:9: org.apache.maven.model"),
                mavenTypesOutsideTheMojoPackage(root));
    }

    @Test
    void everyPackageHasAOneLinePackageInfo() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                boolean hasClasses;
                try (Stream<Path> files = Files.list(dir)) {
                    hasClasses = files.anyMatch(p -> p.toString().endsWith(".java"));
                }
                if (hasClasses && !Files.exists(dir.resolve("package-info.java"))) {
                    missing.add(dir.toString());
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
