package dev.workflowguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.rules.RuleCatalogue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Every rule page, as the HTML report and SARIF's help.text show it: the page's text, none of its Markdown. */
class MarkdownPageTest {

    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyRulePageBecomesWellFormedHtmlWithAllItsText() throws Exception {
        for (Map.Entry<String, String> page : RuleDocs.pages().entrySet()) {
            String html = MarkdownPage.parse(page.getValue()).html(3, true);
            Document xml = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(("<div>" + html + "</div>").getBytes(StandardCharsets.UTF_8)));
            String text = xml.getDocumentElement().getTextContent();
            String name = page.getKey();
            assertFalse(html.contains("`"), name + ": no backtick left\n" + html);
            assertFalse(html.contains("|---") || html.contains(">|"), name + ": no table syntax left\n" + html);
            assertFalse(html.replace("<code>#", "").contains(">#"), name + ": no heading syntax left\n" + html);
            assertTrue(html.startsWith("<h3><code>" + name.replace(".md", "") + "</code></h3>\n"), name + "\n" + html);
            for (String section : new String[] {"What it finds", "Why it matters", "How to fix", "How to suppress"}) {
                assertTrue(html.contains("<h4>" + section + "</h4>"), name + ": " + section);
            }
            Matcher code = INLINE_CODE.matcher(page.getValue().replaceAll("(?s)```.*?```", ""));
            while (code.find()) {
                assertTrue(text.contains(code.group(1)), name + ": " + code.group(1));
            }
            assertTrue(
                    text.contains("<suppressions>\n  <suppression>\n    <rule>" + name.replace(".md", "")),
                    name + ": the POM example keeps its lines and indentation");
        }
    }

    @Test
    void everyRulePageBecomesPlainText() {
        for (Map.Entry<String, String> page : RuleDocs.pages().entrySet()) {
            String id = page.getKey().replace(".md", "");
            String text = MarkdownPage.parse(page.getValue()).text();
            assertTrue(text.startsWith(id + "\n" + "=".repeat(id.length()) + "\n\nDefault severity: "), text);
            assertFalse(text.contains("`"), id + ": no backtick left\n" + text);
            assertFalse(text.contains("```"), id);
            assertFalse(text.contains("|---") || text.contains("\n|"), id + ": no table syntax left\n" + text);
            assertFalse(text.lines().anyMatch(line -> line.startsWith("#")), id + ": no heading syntax left\n" + text);
            assertTrue(text.contains("\nHow to fix\n----------\n\n"), id);
            assertTrue(text.contains("\n      # workflow:ignore " + id + " reason=\"why this is acceptable\""), text);
        }
    }

    @Test
    void aPageReadsAsWritten() {
        String markdown = """
                # `some-rule`

                | | |
                |---|---|
                | Default severity | error |
                | Fixed by `mvn workflow:fix` | no |

                ## What it finds

                A value `a.b` is <wrong> & so
                on, over two lines.

                - `a.b` (Workflow 2.14.0 – 2.23.0)
                - in a values file:

                  ```yaml
                  # workflow:ignore some-rule reason="x"
                  ```

                - last
                """;
        MarkdownPage page = MarkdownPage.parse(markdown);
        assertEquals("""
                <h3><code>some-rule</code></h3>
                <table class="facts"><tbody>
                <tr><th scope="row">Default severity</th><td>error</td></tr>
                <tr><th scope="row">Fixed by <code>mvn workflow:fix</code></th><td>no</td></tr>
                </tbody></table>
                <h4>What it finds</h4>
                <p>A value <code>a.b</code> is &lt;wrong&gt; &amp; so on, over two lines.</p>
                <ul>
                <li><code>a.b</code> (Workflow 2.14.0 – 2.23.0)</li>
                <li>in a values file:<pre class="code"><code># workflow:ignore some-rule reason=&quot;x&quot;</code></pre>
                </li>
                <li>last</li>
                </ul>
                """, page.html(3, true));
        assertFalse(page.html(3, false).contains("some-rule</code></h3>"), "the title left out");
        assertEquals("""
                some-rule
                =========

                Default severity: error
                Fixed by mvn workflow:fix: no

                What it finds
                -------------

                A value a.b is <wrong> & so on, over two lines.

                - a.b (Workflow 2.14.0 – 2.23.0)
                - in a values file:

                      # workflow:ignore some-rule reason="x"

                - last
                """, page.text());
    }

    @Test
    void theCatalogueHasAPageForEveryRule() {
        RuleHelp help = RuleHelp.catalogue();
        for (String id : RuleCatalogue.ids()) {
            assertEquals(RuleDocs.pages().get(id + ".md"), help.markdown(id).orElseThrow(), id);
        }
        assertTrue(help.markdown("no-such-rule").isEmpty());
        assertTrue(help.url("open-registration").isEmpty(), "no address unless configured");
    }
}
