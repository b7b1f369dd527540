package dev.workflowguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.render.HelmLibrary;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documents stay true to the code and in their places: README (the user's guide) links every rule to its
 * generated page without repeating rule text, shows the commands CI runs and the plugin version; CONTRIBUTING holds
 * the contributor's material; every link of every document leads to a file and a heading that exist.
 */
class DocumentationTest {

    private static final Path README = Path.of("README.md");
    private static final Path CONTRIBUTING = Path.of("CONTRIBUTING.md");
    private static final Path CHANGELOG = Path.of("CHANGELOG.md");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    private static String pomVersion() throws IOException {
        Matcher matcher = Pattern.compile(
                        "<artifactId>workflow-maven-plugin</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(matcher.find());
        return matcher.group(1);
    }

    @Test
    void readmeRuleTableLinksEachRuleToItsPageInCatalogueOrder() throws IOException {
        String readme = Files.readString(README);
        List<String> rows = readme.lines()
                .filter(line -> RuleCatalogue.ids().stream().anyMatch(id -> line.startsWith("| [`" + id + "`]")))
                .toList();
        List<String> expected = RuleCatalogue.infos().stream()
                .map(info -> "| [`" + info.id() + "`](docs/rules/" + info.id() + ".md) | "
                        + info.defaultSeverity().id() + " |")
                .toList();
        assertEquals(expected, rows, "README's rule table: one row per rule, linking its page, in catalogue order");
        for (RuleInfo info : RuleCatalogue.infos()) {
            assertTrue(Files.isRegularFile(Path.of("docs", "rules", info.id() + ".md")), info.id());
        }
    }

    @Test
    void ruleTextLivesOnceInTheCatalogueAndItsGeneratedPages() throws IOException {
        for (Path document : List.of(README, CONTRIBUTING, CHANGELOG)) {
            String text = Files.readString(document);
            for (RuleInfo info : RuleCatalogue.infos()) {
                for (String ruleText : List.of(info.summary(), info.why(), info.remedy())) {
                    assertFalse(
                            text.contains(ruleText),
                            document + " repeats the catalogue's text of " + info.id() + " (link docs/rules/"
                                    + info.id() + ".md instead): " + ruleText);
                }
            }
        }
    }

    @Test
    void ciRunsTheTestCommandShownInTheReadme() throws IOException {
        String ci = Files.readString(Path.of(".ci", "run"));
        String readme = Files.readString(README);
        assertTrue(ci.lines().anyMatch(l -> l.trim().equals("./mvnw -B verify")), ci);
        assertTrue(readme.contains("\n./mvnw -B verify\n"), "README shows the test command");
        assertTrue(
                readme.contains("\n./mvnw -B install -DskipTests -Dinvoker.skip && ./mvnw -B -f examples/infra-repo "
                        + "verify\n"),
                "README shows the check on the bundled example");
    }

    @Test
    void theOfflineAdviceNamesTheHelmReleaseThePluginResolves() throws IOException {
        String readme = Files.readString(README);
        String coordinates = HelmLibrary.coordinates();
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

    @Test
    void contributorMaterialLivesInContributingNotInTheUsersGuide() throws IOException {
        List<String> readmeHeadings = headings(README);
        List<String> contributingHeadings = headings(CONTRIBUTING);
        for (String heading : List.of("Project layout", "Testing", "Benchmarks", "Adding a rule")) {
            assertTrue(
                    contributingHeadings.stream().anyMatch(h -> h.startsWith(heading)),
                    "CONTRIBUTING.md has no section " + heading + ": " + contributingHeadings);
            assertTrue(
                    readmeHeadings.stream().noneMatch(h -> h.startsWith(heading)),
                    "README.md, the user's guide, has the contributor's section " + heading);
        }
        String readme = Files.readString(README);
        for (String command : List.of("-Pbench", "JAZZER_FUZZ", "-Dtest=", "spotless:apply")) {
            assertFalse(readme.contains(command), "README.md shows the contributor's command " + command);
        }
        // Words from before suppressions existed.
        assertFalse(readme.contains("(later)"), "README.md promises something for later");
        assertTrue(
                Files.readString(CHANGELOG).contains("\n## [Unreleased]\n"), "CHANGELOG.md has an Unreleased section");
    }

    @Test
    void everyLinkLeadsToAFileAndAHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path document : List.of(README, CONTRIBUTING, CHANGELOG, Path.of("docs", "benchmarks.md"))) {
            Matcher link = LINK.matcher(withoutCodeBlocks(Files.readString(document)));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // a web address
                }
                checked++;
                int hash = target.indexOf('#');
                Path file = hash == 0
                        ? document
                        : document.resolveSibling(hash < 0 ? target : target.substring(0, hash))
                                .normalize();
                if (!Files.exists(file)) {
                    broken.add(document + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(file).contains(target.substring(hash + 1))) {
                    broken.add(document + ": " + target + " (no such heading in " + file + ")");
                }
            }
        }
        assertTrue(checked > 40, "expected to check the documents' links, found " + checked);
        assertEquals(List.of(), broken);
    }

    /** The text outside fenced code blocks, whose `#` lines are comments, not headings, and whose brackets are code. */
    private static String withoutCodeBlocks(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean inCode = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> headings(Path markdown) throws IOException {
        return withoutCodeBlocks(Files.readString(markdown))
                .lines()
                .filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", ""))
                .toList();
    }

    /** The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (markdown.toString().endsWith(".md")) {
            for (String heading : headings(markdown)) {
                anchors.add(heading.toLowerCase()
                        .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                        .replace(' ', '-'));
            }
        }
        return anchors;
    }
}
