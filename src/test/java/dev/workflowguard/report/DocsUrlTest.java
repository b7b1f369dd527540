package dev.workflowguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** docsBaseUrl: where the user publishes the rule pages, and the address of each page. */
class DocsUrlTest {

    @Test
    void unsetOrBlankLinksNowhere() {
        assertNull(DocsUrl.parse(null));
        assertNull(DocsUrl.parse("  "));
    }

    @Test
    void theRuleIdIsAppendedToTheBase() {
        DocsUrl docs = DocsUrl.parse(" https://docs.example.com/workflow-guard/rules/ ");
        assertEquals("https://docs.example.com/workflow-guard/rules/open-registration", docs.rule("open-registration"));
        assertEquals("https://docs.example.com/workflow-guard/rules", docs.base());
        assertEquals(
                "HTTP://intranet/rules/tls-missing",
                DocsUrl.parse("HTTP://intranet/rules").rule("tls-missing"));
    }

    @Test
    void orReplacesTheRulePlaceholder() {
        DocsUrl git = DocsUrl.parse("https://git.example.com/infra/docs/-/blob/main/rules/{rule}.md");
        assertEquals(
                "https://git.example.com/infra/docs/-/blob/main/rules/single-router.md", git.rule("single-router"));
        assertEquals("https://git.example.com/infra/docs/-/blob/main/rules/", git.base());
        DocsUrl anchors = DocsUrl.parse("https://wiki.example.com/workflow-guard.html#{rule}");
        assertEquals("https://wiki.example.com/workflow-guard.html#tls-missing", anchors.rule("tls-missing"));
        assertEquals("https://wiki.example.com/workflow-guard.html", anchors.base());
        assertEquals(
                "https://x.example/page?rule=a",
                DocsUrl.parse("https://x.example/page?rule={rule}").rule("a"));
        assertEquals(
                "https://x.example/page",
                DocsUrl.parse("https://x.example/page?rule={rule}").base());
    }

    @Test
    void anythingButAnHttpAddressIsAnErrorNamingTheParameter() {
        String how = ". Give the http(s) address where the rule pages are published: the rule id is appended "
                + "(https://docs.example.com/workflow-guard/rules gives …/rules/open-registration), or replaces {rule} "
                + "(https://git.example.com/infra/docs/rules/{rule}.md).";
        assertEquals(
                "docsBaseUrl / workflow.docsBaseUrl: 'ftp://docs.example.com/rules' cannot be used: it is not an http "
                        + "or https URL" + how,
                message("ftp://docs.example.com/rules"));
        assertEquals(
                "docsBaseUrl / workflow.docsBaseUrl: 'docs/rules' cannot be used: it is not an http or https URL" + how,
                message("docs/rules"));
        assertEquals(
                "docsBaseUrl / workflow.docsBaseUrl: 'https:///rules' cannot be used: it names no host" + how,
                message("https:///rules"));
        assertEquals(
                "docsBaseUrl / workflow.docsBaseUrl: 'https://docs example.com' cannot be used: it is not a URL "
                        + "(Illegal character in authority at index 8)" + how,
                message("https://docs example.com"));
        assertEquals(
                "docsBaseUrl / workflow.docsBaseUrl: 'https://x.example/rules.html#top' cannot be used: the rule id "
                        + "would be appended after its query or fragment; put {rule} where the id goes" + how,
                message("https://x.example/rules.html#top"));
        assertEquals(
                "docsBaseUrl / workflow.docsBaseUrl: 'https://{rule}.example.com/' cannot be used: {rule} may stand "
                        + "in the path, query or fragment, not in the host" + how,
                message("https://{rule}.example.com/"));
    }

    private static String message(String configured) {
        return assertThrows(IllegalArgumentException.class, () -> DocsUrl.parse(configured))
                .getMessage();
    }
}
