package dev.workflowguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.report.RuleDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/rules holds one page per rule, exactly as the catalogue and the rules' input declarations
 * render it. After changing a rule, regenerate with
 * {@code ./mvnw test -Dtest=RuleDocsTest -Dworkflow.docs.write=true}.
 */
class RuleDocsTest {

    private static final Path DOCS = Path.of("docs", "rules");
    private static final String HINT = "; regenerate with ./mvnw test -Dtest=RuleDocsTest -Dworkflow.docs.write=true";

    @Test
    void everyRuleHasItsPageAndNothingElse() throws IOException {
        boolean write = Boolean.getBoolean("workflow.docs.write");
        Map<String, String> pages = RuleDocs.pages();
        if (write) {
            Files.createDirectories(DOCS);
            Files.writeString(DOCS.resolve("README.md"), RuleDocs.index());
            for (Map.Entry<String, String> page : pages.entrySet()) {
                Files.writeString(DOCS.resolve(page.getKey()), page.getValue());
            }
        }
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = DOCS.resolve(page.getKey());
            assertTrue(Files.exists(file), file + " is missing" + HINT);
            assertEquals(page.getValue(), Files.readString(file), file + " is out of date" + HINT);
        }
        assertEquals(RuleDocs.index(), Files.readString(DOCS.resolve("README.md")), "docs/rules/README.md" + HINT);
        try (Stream<Path> files = Files.list(DOCS)) {
            assertEquals(pages.size() + 1, files.count(), "a page without a rule in docs/rules");
        }
    }
}
