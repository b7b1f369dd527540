package dev.workflowguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.report.RuleDocs;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/rules holds one page per rule, exactly as the catalogue renders it. After changing a rule's
 * catalogue entry, regenerate with {@code ./mvnw test -Dtest=RuleDocsTest -Dworkflow.docs.write=true}.
 */
class RuleDocsTest {

    private static final Path DOCS = Path.of("docs", "rules");
    private static final String HINT = "; regenerate with ./mvnw test -Dtest=RuleDocsTest -Dworkflow.docs.write=true";

    @Test
    void everyRuleHasItsPageAndNothingElse() throws IOException {
        boolean write = Boolean.getBoolean("workflow.docs.write");
        if (write) {
            Files.createDirectories(DOCS);
            Files.writeString(DOCS.resolve("README.md"), RuleDocs.index());
        }
        for (RuleInfo rule : RuleCatalogue.infos()) {
            Path page = DOCS.resolve(rule.id() + ".md");
            if (write) {
                Files.writeString(page, RuleDocs.page(rule));
            }
            assertTrue(Files.exists(page), page + " is missing" + HINT);
            assertEquals(RuleDocs.page(rule), Files.readString(page), page + " is out of date" + HINT);
        }
        assertEquals(RuleDocs.index(), Files.readString(DOCS.resolve("README.md")), "docs/rules/README.md" + HINT);
        try (Stream<Path> pages = Files.list(DOCS)) {
            assertEquals(RuleCatalogue.infos().size() + 1, pages.count(), "a page without a rule in docs/rules");
        }
    }
}
