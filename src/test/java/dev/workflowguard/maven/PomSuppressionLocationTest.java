package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** POM suppressions are located at their `<suppression>` element, never at a comment that mentions one. */
class PomSuppressionLocationTest {

    @Test
    void commentsAreBlankedWithoutMovingAnything() {
        String pom = "<!-- a <suppression> in a comment,\n  over two lines -->\n<suppressions>\n  <suppression>\n"
                + "<!-- unclosed <suppression>";
        String blanked = AbstractWorkflowMojo.withoutComments(pom);
        assertEquals(pom.length(), blanked.length());
        assertEquals(pom.indexOf("<suppressions>"), blanked.indexOf("<suppression"));
        assertEquals(pom.indexOf("  <suppression>") + 2, blanked.indexOf("<suppression>"));
        assertEquals(pom.lastIndexOf("  <suppression>") + 2, blanked.lastIndexOf("<suppression>"));
        assertEquals(
                pom.chars().filter(c -> c == '\n').count(),
                blanked.chars().filter(c -> c == '\n').count());
    }
}
