package dev.workflowguard.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Positions reported by the loader: 1-based lines and columns that editors agree with, and exact offsets. */
class YamlLoaderPositionsTest {

    private final YamlLoader loader = new YamlLoader(YamlLimits.DEFAULTS);

    private YamlMap load(String text) throws YamlException {
        return (YamlMap)
                loader.loadFirst(SourceFile.ofText("values.yaml", text)).root();
    }

    private static YamlScalar scalar(YamlMap map, String... keys) {
        YamlNode node = map;
        for (String key : keys) {
            node = ((YamlMap) node).get(key);
        }
        return (YamlScalar) node;
    }

    @Test
    void linesAndColumnsAreOneBased() throws Exception {
        YamlMap root = load("controller:\n  registration_mode: enabled\n");
        YamlEntry entry = ((YamlMap) root.get("controller")).entry("registration_mode");
        assertEquals("2:3", entry.key().start().toString());
        assertEquals("2:22", entry.value().start().toString());
        assertEquals("2:22", entry.valuePosition().toString());
    }

    @Test
    void crlfLineEndingsCountOneLineBreak() throws Exception {
        YamlMap root = load("a: 1\r\nb:\r\n  c: \"x\"\r\n");
        YamlScalar c = scalar(root, "b", "c");
        assertEquals("3:6", c.start().toString());
        assertEquals("x", c.text());
        assertEquals(ScalarStyle.DOUBLE_QUOTED, c.style());
    }

    @Test
    void lineBreaksOnlyYamlCountsDoNotShiftLines() throws Exception {
        // SnakeYAML starts a line at U+2028, U+2029 and U+0085; editors and grep do not.
        YamlMap root = load("\uFEFFa: \"x\u2028y\u2029z\u0085w\"\nb:\n  c: 1\n");
        assertEquals("3:6", scalar(root, "b", "c").start().toString());
        assertEquals("1:4", scalar(root, "a").start().toString());
        YamlException error = assertThrows(YamlException.class, () -> load("a: \"\u2028\"\nb: [1\nc: 2\n"));
        assertEquals(3, error.position().line(), error.getMessage());
    }

    @Test
    void byteOrderMarkIsKeptInTextButNotCountedAsAColumn() throws Exception {
        byte[] bytes = "\uFEFFglobal:\n  storage: minio\n".getBytes(StandardCharsets.UTF_8);
        SourceFile file = SourceReader.decode(Path.of("values.yaml"), "values.yaml", bytes);
        assertTrue(file.hasByteOrderMark());
        assertEquals('\uFEFF', file.text().charAt(0));
        YamlMap root = (YamlMap) loader.loadFirst(file).root();
        YamlEntry global = root.entry("global");
        assertEquals("1:1", global.key().start().toString());
        YamlScalar storage = scalar(root, "global", "storage");
        assertEquals("2:12", storage.start().toString());
        // The offset counts the BOM, so it indexes the kept text exactly.
        assertEquals(
                "minio",
                file.text()
                        .substring(
                                file.charIndex(storage.start().offset()),
                                file.charIndex(storage.end().offset())));
    }

    @Test
    void multiByteCharactersCountAsOneColumnAndOffsetsMapToChars() throws Exception {
        // "é" is one char, the emoji is two chars (a surrogate pair) but one code point and one column.
        String text = "note: \"caf\u00e9 \uD83D\uDE80\"\nstorage: minio\n";
        SourceFile file = SourceFile.ofText("values.yaml", text);
        YamlMap root = (YamlMap) loader.loadFirst(file).root();
        YamlScalar storage = scalar(root, "storage");
        assertEquals("2:10", storage.start().toString());
        int start = file.charIndex(storage.start().offset());
        assertEquals("minio", text.substring(start, start + 5));
        YamlScalar note = scalar(root, "note");
        assertEquals(text.indexOf('\n'), file.charIndex(note.end().offset()));
    }

    @Test
    void utf16WithByteOrderMarkIsDecoded() throws Exception {
        byte[] bytes = "\uFEFFa: yes\n".getBytes(StandardCharsets.UTF_16LE);
        SourceFile file = SourceReader.decode(Path.of("v.yaml"), "v.yaml", bytes);
        YamlMap root = (YamlMap) loader.loadFirst(file).root();
        assertTrue(scalar(root, "a").isTrue());
    }

    @Test
    void latin1BytesAreRefusedWithTheirLine() {
        byte[] bytes = "a: 1\nb: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        YamlException e =
                assertThrows(YamlException.class, () -> SourceReader.decode(Path.of("v.yaml"), "v.yaml", bytes));
        assertEquals(2, e.position().line());
        assertTrue(e.getMessage().startsWith("v.yaml:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void multiDocumentStreamsKeepPositionsFromTheStartOfTheStreamAndSourceComments() throws Exception {
        String text = """
                ---
                # Source: workflow/charts/router/templates/router-deployment.yaml
                kind: Deployment
                metadata:
                  name: deis-router
                ---
                # Source: workflow/charts/router/templates/router-service.yaml
                kind: Service
                metadata:
                  name: deis-router
                """;
        List<YamlDocument> documents = loader.loadAll(SourceFile.ofText("r.yaml", text));
        assertEquals(2, documents.size());
        YamlMap second = (YamlMap) documents.get(1).root();
        assertEquals("8:1", second.entry("kind").key().start().toString());
        assertEquals(
                "workflow/charts/router/templates/router-service.yaml",
                documents.get(1).sourceComment());
        assertEquals(
                "workflow/charts/router/templates/router-deployment.yaml",
                documents.get(0).sourceComment());
    }

    @Test
    void documentsWithoutSourceCommentsHaveNone() throws Exception {
        List<YamlDocument> documents = loader.loadAll(SourceFile.ofText("r.yaml", "a: 1\n---\nb: 2\n"));
        assertEquals(2, documents.size());
        assertNull(documents.get(1).sourceComment());
    }

    @Test
    void emptyValueFollowedByCommentsIsNullAndPointsAtTheKey() throws Exception {
        YamlMap root = load("router:\n  deployment_annotations:\n    # example: value\n  host_port: {}\n");
        YamlEntry annotations = ((YamlMap) root.get("router")).entry("deployment_annotations");
        assertTrue(((YamlScalar) annotations.value()).isNull());
        assertEquals("2:3", annotations.valuePosition().toString());
    }

    @Test
    void aliasesShareTheAnchorsNode() throws Exception {
        YamlMap root = load("base: &b\n  x: 1\ncopy: *b\n");
        assertTrue(root.get("base") == root.get("copy"));
        assertEquals("3:1", root.entry("copy").valuePosition().toString());
    }

    @Test
    void mergeKeysFollowGoYamlV2() throws Exception {
        YamlMap root = load("""
                defaults: &d
                  a: 1
                  b: 2
                one:
                  <<: *d
                  b: 3
                two:
                  b: 3
                  <<: *d
                """);
        assertEquals("3", scalar(root, "one", "b").text());
        assertEquals("1", scalar(root, "one", "a").text());
        // Go yaml v2 applies a merge key in place: keys after it win, and it overrides keys before it.
        assertEquals("2", scalar(root, "two", "b").text());
    }

    @Test
    void duplicateKeysAreRecordedAndTheLastOneWins() throws Exception {
        YamlDocument document = loader.loadFirst(SourceFile.ofText(
                "v.yaml", "controller:\n  registration_mode: admin_only\n  registration_mode: enabled\n"));
        assertEquals(1, document.duplicates().size());
        DuplicateKey duplicate = document.duplicates().get(0);
        assertEquals(List.of("controller"), duplicate.path());
        assertEquals("registration_mode", duplicate.key());
        assertEquals(2, duplicate.first().start().line());
        assertEquals(3, duplicate.second().start().line());
        assertEquals(
                "enabled",
                scalar((YamlMap) document.root(), "controller", "registration_mode")
                        .text());
    }
}
