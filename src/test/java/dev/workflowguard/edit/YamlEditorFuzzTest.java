package dev.workflowguard.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the editor: whatever the text and the edit, it either refuses with an {@link EditException}
 * or returns text that reads back as the old document with exactly the intended change. Any other
 * exception is a bug, and so is a refusal of valid YAML as an "internal error": every construct is
 * either edited or refused with a sentence of its own. Runs the corpus in
 * src/test/resources/dev/workflowguard/edit/YamlEditorFuzzTestInputs (one seed per YAML construct,
 * `construct-*`, besides the golden cases) in every build;
 * `JAZZER_FUZZ=1 ./mvnw test -Dtest=YamlEditorFuzzTest` fuzzes for real.
 *
 * <p>Input format: line 1 the path (keys separated by `|`), line 2 the value, line 3 `quote` or
 * not, then the YAML text.
 */
class YamlEditorFuzzTest {

    private static final YamlLimits LIMITS = new YamlLimits(1 << 20, 1 << 20, 64, 50, 100_000);

    @FuzzTest(maxDuration = "30s")
    void editsAreExactOrRefused(byte[] input) throws Exception {
        String all = new String(input, StandardCharsets.UTF_8);
        String[] parts = all.split("\n", 4);
        if (parts.length < 4 || parts[0].isEmpty()) {
            return;
        }
        List<String> path = new ArrayList<>(Arrays.asList(parts[0].split("\\|", -1)));
        if (path.size() > 6) {
            return;
        }
        Edit edit = Edit.values(path, parts[1], parts[2].equals("quote"));
        SourceFile file = SourceFile.ofText("fuzz.yaml", parts[3]);
        YamlLoader loader = new YamlLoader(LIMITS);
        List<YamlDocument> before;
        try {
            before = loader.loadAll(file);
        } catch (YamlException e) {
            before = null;
        }
        String result;
        try {
            result = new YamlEditor(LIMITS).apply(file, edit);
        } catch (EditException refused) {
            String message = refused.getMessage();
            if (before != null) {
                assertFalse(message.startsWith("internal error"), message);
                assertTrue(message.startsWith("cannot set " + edit.describePath() + " in fuzz.yaml: "), message);
            } else {
                assertTrue(message.startsWith("cannot be edited: fuzz.yaml"), message);
            }
            return;
        }
        if (before == null) {
            throw new AssertionError("the editor accepted text the loader refuses");
        }
        // Independently of the editor's own proof: the first document means the old one plus the edit.
        List<YamlDocument> after = loader.loadAll(SourceFile.ofText("fuzz.yaml", result));
        Object expected = TreeData.with(
                before.isEmpty() ? null : TreeData.of(before.get(0).root()), edit.path(), TreeData.intended(edit));
        assertEquals(expected, TreeData.of(after.get(0).root()));
    }
}
