package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README's parent POM setup is what the ITs build, literally: each XML block of that section appears, line for line,
 * in the POMs of src/it/reactor-parent-aggregator (a parent that is also the aggregator) and
 * src/it/reactor-separate-parent (a separate parent, and an aggregator that is not its child).
 */
class ParentPomReadmeTest {

    private static final Path IT = Path.of("src", "it");

    /** The lines of the XML block that follows the comment line {@code <!-- heading -->} in the section. */
    private static List<String> block(String section, String heading) {
        List<String> lines = section.lines().toList();
        int start = lines.indexOf("<!-- " + heading + " -->");
        assertTrue(start > 0, "README's parent POM setup has no block " + heading);
        int end = lines.subList(start, lines.size()).indexOf("```") + start;
        return lines.subList(start + 1, end).stream().map(String::strip).toList();
    }

    /** The POM's lines, stripped, with the coordinates invoker fills in as the README spells them. */
    private static List<String> pom(String path) throws IOException {
        return Files.readString(IT.resolve(path))
                .replace("@project.groupId@", "dev.workflowguard")
                .replace("@project.artifactId@", "workflow-maven-plugin")
                .replace("@project.version@", "0.1.0-SNAPSHOT")
                .lines()
                .map(String::strip)
                .toList();
    }

    private static void assertContains(List<String> pom, List<String> block, String what) {
        assertTrue(
                Collections.indexOfSubList(pom, block) >= 0,
                what + " does not hold README's block:\n" + String.join("\n", block));
    }

    @Test
    void theItsBuildTheReadmesSetupLiterally() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Parent POM setup\n");
        assertTrue(start >= 0, "README has no section ## Parent POM setup");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> parent = block(section, "parent pom.xml");
        List<String> module =
                block(section, "pom.xml of each module with values files (its <parent> is the POM above)");
        List<String> aggregator = block(section, "aggregator pom.xml, when it does not inherit from the parent");

        assertContains(pom("reactor-parent-aggregator/pom.xml"), parent, "the parent that is the aggregator");
        assertContains(pom("reactor-separate-parent/parent/pom.xml"), parent, "the separate parent");
        assertContains(pom("reactor-separate-parent/pom.xml"), aggregator, "the aggregator apart from the parent");
        for (String cluster : List.of(
                "reactor-parent-aggregator/cluster-us",
                "reactor-parent-aggregator/cluster-eu",
                "reactor-parent-aggregator/cluster-ap",
                "reactor-separate-parent/cluster-us",
                "reactor-separate-parent/cluster-eu")) {
            assertContains(pom(cluster + "/pom.xml"), module, cluster);
        }
    }
}
