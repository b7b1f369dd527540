package dev.workflowguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

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

    @Test
    void engineHasNoMavenImports() throws IOException {
        List<String> offenders = new ArrayList<>();
        int engineFiles = 0;
        for (Path source : sources()) {
            if (source.startsWith(MAIN.resolve("maven"))) {
                continue;
            }
            engineFiles++;
            String text = Files.readString(source);
            if (text.contains("org.apache.maven") || text.contains("org.codehaus.plexus")) {
                offenders.add(source.toString());
            }
        }
        assertTrue(engineFiles > 30, "expected to scan the engine sources, found " + engineFiles);
        assertEquals(List.of(), offenders, "engine classes must not use Maven types");
    }

    @Test
    void mavenTypesAreConfinedToTheMojoPackage() throws IOException {
        long mojoFilesUsingMaven = sources().stream()
                .filter(p -> p.startsWith(MAIN.resolve("maven")))
                .filter(p -> {
                    try {
                        return Files.readString(p).contains("import org.apache.maven");
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .count();
        assertTrue(mojoFilesUsingMaven >= 2, "the scan must see the mojos");
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
