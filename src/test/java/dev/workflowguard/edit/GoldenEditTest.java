package dev.workflowguard.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.YamlLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases for the editor: each folder under src/test/resources/golden holds an input file,
 * the edit (edit.txt) and the expected output, compared byte for byte.
 */
class GoldenEditTest {

    static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /**
     * Reads edit.txt: `path: a|b|c` (a step `[2]` is a list index), `value: …`, `quote: true|false`,
     * and optionally `document: N` (0-based, as in a manifest edit; values files edit document 0).
     */
    static Edit edit(Path dir) throws IOException {
        List<Object> path = new ArrayList<>();
        String value = null;
        boolean quote = false;
        int document = 0;
        for (String line : Files.readAllLines(dir.resolve("edit.txt"), StandardCharsets.UTF_8)) {
            if (line.startsWith("path: ")) {
                for (String step : line.substring(6).split("\\|")) {
                    path.add(
                            step.matches("\\[\\d+]")
                                    ? (Object) Integer.valueOf(step.substring(1, step.length() - 1))
                                    : step);
                }
            } else if (line.startsWith("value: ")) {
                value = line.substring(7);
            } else if (line.startsWith("quote: ")) {
                quote = Boolean.parseBoolean(line.substring(7));
            } else if (line.startsWith("document: ")) {
                document = Integer.parseInt(line.substring(10));
            }
        }
        return new Edit(document, path, value, quote);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void editsExactlyAsExpected(String name) throws Exception {
        Path dir = GOLDEN.resolve(name);
        byte[] input = Files.readAllBytes(dir.resolve("input.yaml"));
        SourceFile file = SourceReader.decode(dir.resolve("input.yaml"), name + "/input.yaml", input);
        String edited = new YamlEditor(YamlLimits.DEFAULTS).apply(file, edit(dir));
        byte[] actual = edited.getBytes(file.charset());
        byte[] expected = Files.readAllBytes(dir.resolve("expected.yaml"));
        assertArrayEquals(
                expected,
                actual,
                () -> name + ": expected\n" + new String(expected, file.charset()) + "\nbut got\n" + edited);
        assertTrue(actual.length > 0);
    }
}
