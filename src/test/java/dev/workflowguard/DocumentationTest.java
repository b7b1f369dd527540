package dev.workflowguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README and the example stay true to the code: the rule table, the commands, the plugin version. */
class DocumentationTest {

    private static final Path README = Path.of("README.md");

    private static String pomVersion() throws IOException {
        Matcher matcher = Pattern.compile(
                        "<artifactId>workflow-maven-plugin</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(matcher.find());
        return matcher.group(1);
    }

    @Test
    void readmeRuleTableMatchesTheCatalogue() throws IOException {
        String readme = Files.readString(README);
        List<String> rows = readme.lines().filter(l -> l.startsWith("| `")).toList();
        for (RuleInfo info : RuleCatalogue.infos()) {
            String expected = "| `" + info.id() + "` | "
                    + info.defaultSeverity().id() + " | " + info.summary() + " | " + info.why() + " | "
                    + info.fixable().replace("<", "&lt;").replace(">", "&gt;") + " |";
            assertTrue(rows.contains(expected), "README lacks or misstates the row:\n" + expected);
        }
        long ruleRows = rows.stream()
                .filter(r -> RuleCatalogue.ids().stream().anyMatch(id -> r.startsWith("| `" + id + "` |")))
                .count();
        assertEquals(RuleCatalogue.infos().size(), ruleRows, "one README row per rule");
    }

    @Test
    void ciRunsTheTestCommandShownInTheReadme() throws IOException {
        String ci = Files.readString(Path.of(".ci", "run"));
        String readme = Files.readString(README);
        assertTrue(ci.lines().anyMatch(l -> l.trim().equals("./mvnw -B verify")), ci);
        assertTrue(readme.contains("\n./mvnw -B verify\n"), "README shows the test command");
    }

    @Test
    void theOfflineAdviceNamesTheHelmReleaseThePluginResolves() throws IOException {
        String readme = Files.readString(README);
        String coordinates = dev.workflowguard.render.HelmLibrary.coordinates();
        assertTrue(
                readme.contains("mvn dependency:get -Dartifact=" + coordinates + "`"),
                "README should say " + "`mvn dependency:get -Dartifact=" + coordinates + "`");
    }

    @Test
    void theExampleUsesThisPluginVersion() throws IOException {
        String example = Files.readString(Path.of("examples", "infra-repo", "pom.xml"));
        assertTrue(example.contains("<version>" + pomVersion() + "</version>"), "examples/infra-repo/pom.xml");
        assertTrue(Files.readString(README).contains("<version>" + pomVersion() + "</version>"));
    }
}
