package dev.workflowguard.suppress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.yaml.SourceFile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How suppression comments are read: rule, reason, until, which line they cover, and every way to get them wrong. */
class SuppressionReaderTest {

    private final SuppressionReader reader = new SuppressionReader(new HashSet<>(RuleCatalogue.ids()));
    private final List<Suppression> found = new ArrayList<>();
    private final List<SuppressionProblem> problems = new ArrayList<>();

    private void read(String text) {
        reader.readComments(SourceFile.ofText("v.yaml", text), found, problems);
    }

    @Test
    void anOwnLineCommentCoversTheLineBelow() {
        read("a: 1\n# workflow:ignore open-registration reason=\"admin signs up first\" until=2027-03-01\nb: 2\n");
        assertEquals(List.of(), problems);
        Suppression s = found.get(0);
        assertEquals("open-registration", s.rule());
        assertEquals("admin signs up first", s.reason());
        assertEquals(LocalDate.of(2027, 3, 1), s.until());
        assertEquals(new Suppression.Line("v.yaml", 3), s.scope());
        assertEquals("v.yaml:2:1", s.source().toString());
    }

    @Test
    void aTrailingCommentCoversItsOwnLine() {
        read(
                "controller:\n  registration_mode: enabled  # workflow:ignore open-registration reason=\"stage \\\"x\\\"\"\n");
        Suppression s = found.get(0);
        assertEquals(new Suppression.Line("v.yaml", 2), s.scope());
        assertEquals("stage \"x\"", s.reason());
        assertNull(s.until());
        assertEquals(31, s.source().column());
    }

    @Test
    void crlfFilesAndIndentedComments() {
        read("a:\r\n    # workflow:ignore rbac-disabled reason=\"legacy cluster\"\r\n    b: 1\r\n");
        assertEquals(new Suppression.Line("v.yaml", 3), found.get(0).scope());
        assertEquals("legacy cluster", found.get(0).reason());
    }

    @ParameterizedTest
    @CsvSource(
            value = {
                "# workflow:ignore|names no rule",
                "# workflow:ignore no-such-rule reason=\"x\"|\"no-such-rule\", which is not a rule id",
                "# workflow:ignore open-registration|has no reason",
                "# workflow:ignore open-registration reason=\"\"|has no reason",
                "# workflow:ignore open-registration reason=\"x\" until=next-week|which is not a date",
                "# workflow:ignore open-registration reason=\"x\" until=2027-02-30|which is not a date",
                "# workflow:ignore open-registration because=\"x\"|unknown attribute \"because\"",
                "# workflow:ignore open-registration reason=unquoted words|cannot be read after"
            },
            delimiter = '|',
            quoteCharacter = '\'')
    void malformedCommentsAreProblemsNotSilentNoOps(String comment, String expected) {
        read("a: 1\n" + comment + "\nb: 2\n");
        assertEquals(List.of(), found);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains(expected), problems.get(0).message());
        assertEquals("v.yaml:2:1", problems.get(0).location().toString());
    }

    @Test
    void aMistypedRuleIdInACommentOrThePomIsAProblemThatSaysWhatWasMeant() {
        read("a: 1\n# workflow:ignore open-registraton reason=\"x\"\nb: 2\n");
        reader.readConfigured("Single-Routers", null, null, null, "x", null, null, found, problems);
        assertEquals(List.of(), found);
        assertEquals(
                List.of(
                        "workflow:ignore names \"open-registraton\", which is not a rule id; did you mean "
                                + "\"open-registration\"?",
                        "<suppression> names \"Single-Routers\", which is not a rule id; did you mean \"single-router\"?"),
                problems.stream().map(SuppressionProblem::message).toList());
    }

    @Test
    void quotedHashesAndOtherCommentsAreNotSuppressions() {
        read(
                "a: \"x#workflow:ignore open-registration\"\n# just a note about workflow:ignore\nb: 1 # workflow:ignored\n");
        assertEquals(List.of(), found);
        assertEquals(List.of(), problems);
    }

    @Test
    void pomEntriesNeedAReasonAndAKnownRule() {
        reader.readConfigured(
                "tls-missing", "values/*.yaml", null, null, "TLS ends at the CDN", "2027-01-01", null, found, problems);
        reader.readConfigured("tls-missing", null, null, null, " ", null, null, found, problems);
        reader.readConfigured("nope", null, null, null, "x", null, null, found, problems);
        assertEquals(1, found.size());
        assertEquals("files values/*.yaml", found.get(0).scope().describe());
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).message().contains("has no <reason>"));
        assertTrue(problems.get(1).message().contains("\"nope\", which is not a rule id"));
    }
}
