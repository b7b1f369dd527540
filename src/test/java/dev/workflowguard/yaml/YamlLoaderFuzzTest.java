package dev.workflowguard.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes the loader: whatever the bytes, reading them ends in documents or in a {@link YamlException}
 * that names the file (with a position inside the text when it gives one). Any other exception or
 * error (a stack overflow, an out-of-memory error, a runtime exception from SnakeYAML) is a bug.
 * Runs the corpus in src/test/resources/dev/workflowguard/yaml/YamlLoaderFuzzTestInputs in every build;
 * see CONTRIBUTING.md, "Fuzzing", for fuzzing for real.
 */
class YamlLoaderFuzzTest {

    /** Small limits, so that the fuzzer meets them often and each run stays fast. */
    private static final YamlLimits LIMITS = new YamlLimits(1 << 20, 1 << 16, 40, 20, 10_000);

    @FuzzTest(maxDuration = "30s")
    void loadsOrRefuses(byte[] input) {
        SourceFile file;
        try {
            file = SourceReader.decode(Path.of("fuzz.yaml").toAbsolutePath(), "fuzz.yaml", input);
        } catch (YamlException e) {
            checkError(e, null);
            return;
        }
        YamlLoader loader = new YamlLoader(LIMITS);
        List<YamlDocument> documents;
        try {
            documents = loader.loadAll(file);
        } catch (YamlException e) {
            checkError(e, file);
            return;
        }
        for (YamlDocument document : documents) {
            assertTrue(document.file() == file);
            if (document.root() != null) {
                checkNode(document.root(), file, 0);
            }
            for (DuplicateKey duplicate : document.duplicates()) {
                checkNode(duplicate.first(), file, 0);
                checkNode(duplicate.second(), file, 0);
            }
        }
        // The first document alone reads the same way (values files are read like this).
        try {
            YamlDocument first = loader.loadFirst(file);
            assertEquals(documents.isEmpty(), first == null);
        } catch (YamlException e) {
            throw new AssertionError("the whole stream loads but its first document does not", e);
        }
    }

    private static void checkError(YamlException e, SourceFile file) {
        assertEquals("fuzz.yaml", e.file());
        assertTrue(e.getMessage().startsWith("fuzz.yaml"), e.getMessage());
        TextPosition at = e.position();
        if (at != null) {
            assertTrue(at.line() >= 1 && at.column() >= 1, () -> "position " + at + " in " + e.getMessage());
            if (file != null) {
                // SnakeYAML also breaks lines at U+0085, U+2028 and U+2029: count every kind of break.
                long lines = file.text()
                                .chars()
                                .filter(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029)
                                .count()
                        + 1;
                assertTrue(
                        at.line() <= lines,
                        () -> "line " + at.line() + " past the end (" + lines + " lines): " + e.getMessage());
            }
        }
    }

    /** Every node lies inside the text it came from; recursion depth is bounded by the nesting limit. */
    private static void checkNode(YamlNode node, SourceFile file, int depth) {
        assertTrue(node.file() == file);
        assertTrue(depth <= LIMITS.maxNestingDepth() + 1, "deeper than the nesting limit");
        TextPosition start = node.start();
        TextPosition end = node.end();
        int codePoints = file.text().codePointCount(0, file.text().length());
        assertTrue(
                start.offset() >= 0 && start.offset() <= end.offset() && end.offset() <= codePoints,
                () -> "span " + start.offset() + ".." + end.offset() + " outside 0.." + codePoints);
        assertTrue(start.line() >= 1 && start.column() >= 1);
        node.describeType();
        if (node instanceof YamlMap map) {
            for (YamlEntry entry : map.entries()) {
                entry.valuePosition();
                checkNode(entry.key(), file, depth + 1);
                checkNode(entry.value(), file, depth + 1);
            }
        } else if (node instanceof YamlList list) {
            for (YamlNode item : list.items()) {
                checkNode(item, file, depth + 1);
            }
        } else if (node instanceof YamlScalar scalar) {
            scalar.rendered();
            scalar.isTemplateTruthy();
        }
    }
}
