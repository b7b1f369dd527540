package dev.workflowguard.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Properties of the editor over generated documents (every construct it must handle, at random:
 * flow and block collections, block scalars with every chomping, tags, anchors, aliases and merge
 * keys, explicit keys, several documents, null documents, mixed line endings, Unicode line
 * separators, a byte order mark, no final line break) and collected ones (the golden inputs, the
 * fuzz corpus, the fixtures and the example), with random and exhaustive edits:
 * <ul>
 * <li>a refusal is never the editor's proof failing ("internal error"): every construct is either
 * edited or refused by the plan with a sentence of its own;</li>
 * <li>lines outside the edited place keep their bytes, line endings included, and only one place
 * changes;</li>
 * <li>an inserted line ends like the line it follows;</li>
 * <li>no comment is lost;</li>
 * <li>the result reads back as the old document with exactly the intended change.</li>
 * </ul>
 */
class EditorPropertyTest {

    private static final YamlLoader LOADER = new YamlLoader(YamlLimits.DEFAULTS);
    private static final String[] KEYS = {
        "global",
        "storage",
        "router",
        "controller",
        "mode",
        "a",
        "b",
        "router.deis.io/nginx.ssl.enforce",
        "x_y",
        "deployment_annotations",
        "n",
        "on"
    };
    private static final String[] VALUES = {
        "admin_only",
        "false",
        "true",
        "2",
        "TLSv1.2 TLSv1.3",
        "it's \"q\"",
        "10.0.0.0/8,192.168.0.0/16",
        "",
        "null",
        "ünïcødé 🚀",
        "a\nb",
        "- x",
        "*star",
        "#hash"
    };
    static final Path FUZZ_CORPUS = Path.of(
            "src",
            "test",
            "resources",
            "dev",
            "workflowguard",
            "edit",
            "YamlEditorFuzzTestInputs",
            "editsAreExactOrRefused");

    @Test
    void generatedDocuments() throws Exception {
        Random random = new Random(20261126L);
        int edited = 0;
        int refused = 0;
        for (int i = 0; i < 2000; i++) {
            String text = new Generator(random).document();
            if (check(text, randomEdit(text, random), "generated #" + i)) {
                edited++;
            } else {
                refused++;
            }
        }
        // Refusals are few (shared anchors, custom tags, values that are collections): most edits are made.
        assertTrue(edited > 1500, "most random edits must succeed, refused " + refused + " of " + (edited + refused));
    }

    @Test
    void collectedDocuments() throws Exception {
        Random random = new Random(42L);
        List<String> texts = collected();
        int edited = 0;
        for (String text : texts) {
            for (int j = 0; j < 25; j++) {
                if (check(text, randomEdit(text, random), "collected\n" + text)) {
                    edited++;
                }
            }
        }
        assertTrue(edited > texts.size() * 15, "edited " + edited + " of " + texts.size() * 25);
    }

    /**
     * Every place of every small collected document (the constructs: golden inputs and fuzz
     * corpus), edited with values of every kind: each scalar replaced, a key added to each mapping
     * and below each null, at every depth. None of it may end in an internal error.
     */
    @Test
    void everyPlaceOfEveryCollectedDocument() throws Exception {
        int edits = 0;
        for (String text : collected()) {
            if (text.length() > 2000) {
                continue; // the fixtures and the example: random edits above cover them
            }
            List<YamlDocument> documents = LOADER.loadAll(SourceFile.ofText("p.yaml", text));
            for (int d = 0; d < Math.max(1, documents.size()); d++) {
                YamlNode root = documents.isEmpty() ? null : documents.get(d).root();
                for (List<Object> path : places(root, new ArrayList<>(), 0)) {
                    for (String[] value :
                            new String[][] {{"admin_only", "false"}, {"true", "true"}, {"it's", "true"}}) {
                        check(
                                text,
                                new Edit(d, path, value[0], Boolean.parseBoolean(value[1])),
                                "every place\n" + text);
                        edits++;
                    }
                }
            }
        }
        assertTrue(edits > 3000, "only " + edits + " edits");
    }

    /** Paths to every scalar (replaced), and below every mapping and null (a new key), to depth 6. */
    private static List<List<Object>> places(YamlNode node, List<Object> path, int depth) {
        List<List<Object>> places = new ArrayList<>();
        if (depth > 6) {
            return places;
        }
        if (node == null || node instanceof YamlMap || (node instanceof YamlScalar scalar && scalar.isNull())) {
            List<Object> added = new ArrayList<>(path);
            added.add("new_key");
            places.add(added);
            List<Object> nested = new ArrayList<>(added);
            nested.add("n");
            places.add(nested);
        }
        if (node instanceof YamlScalar && !path.isEmpty()) {
            places.add(path);
        }
        if (node instanceof YamlMap map) {
            for (YamlEntry entry : map.entries()) {
                List<Object> next = new ArrayList<>(path);
                next.add(entry.name());
                places.addAll(places(entry.value(), next, depth + 1));
            }
        } else if (node instanceof YamlList list) {
            for (int i = 0; i < list.items().size() && i < 4; i++) {
                List<Object> next = new ArrayList<>(path);
                next.add(i);
                places.addAll(places(list.items().get(i), next, depth + 1));
            }
        }
        return places;
    }

    /** The golden inputs, the fuzz corpus, the fixtures and the example's values files. */
    static List<String> collected() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> golden = Files.walk(GoldenEditTest.GOLDEN)) {
            golden.filter(p -> p.getFileName().toString().equals("input.yaml"))
                    .sorted()
                    .forEach(files::add);
        }
        try (Stream<Path> fixtures = Files.list(Path.of("src", "test", "resources", "fixtures"))) {
            fixtures.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        try (Stream<Path> values = Files.list(Path.of("examples", "infra-repo", "values"))) {
            values.sorted().forEach(files::add);
        }
        List<String> texts = new ArrayList<>();
        for (Path file : files) {
            texts.add(decode(file, Files.readAllBytes(file)));
        }
        try (Stream<Path> seeds = Files.list(FUZZ_CORPUS)) {
            for (Path seed : seeds.sorted().toList()) {
                String[] parts = new String(Files.readAllBytes(seed), StandardCharsets.UTF_8).split("\n", 4);
                if (parts.length == 4 && parses(parts[3])) {
                    texts.add(parts[3]);
                }
            }
        }
        return texts;
    }

    private static String decode(Path file, byte[] bytes) {
        try {
            return SourceReader.decode(file, file.toString(), bytes).text();
        } catch (YamlException e) {
            throw new AssertionError(file + " cannot be decoded", e);
        }
    }

    private static boolean parses(String text) {
        try {
            LOADER.loadAll(SourceFile.ofText("p.yaml", text));
            return true;
        } catch (YamlException e) {
            return false;
        }
    }

    /** Makes one edit and checks the properties; false when the editor refused it. */
    static boolean check(String text, Edit edit, String name) throws Exception {
        SourceFile file = SourceFile.ofText("p.yaml", text);
        List<YamlDocument> before = LOADER.loadAll(file);
        String result;
        try {
            result = new YamlEditor(YamlLimits.DEFAULTS).apply(file, edit);
        } catch (EditException refused) {
            // The editor's own proof must never be what stops an edit: that would be an editor bug.
            assertFalse(
                    refused.getMessage().startsWith("internal error"),
                    () -> name + "\n" + edit + ": " + refused.getMessage() + "\n" + show(text));
            assertTrue(
                    refused.getMessage().startsWith("cannot set " + edit.describePath() + " in p.yaml: "),
                    () -> refused.getMessage());
            return false;
        }
        String context = name + "\n" + edit + "\n--- before\n" + show(text) + "\n--- after\n" + show(result);
        List<String> old = lines(text);
        List<String> edited = lines(result);
        boolean[] kept = new boolean[old.size()];
        boolean[] added = new boolean[edited.size()];
        commonLines(old, edited, kept, added);
        // Only one place changes: the lines that went are next to each other.
        int first = -1;
        int last = -1;
        for (int i = 0; i < old.size(); i++) {
            if (!kept[i]) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        for (int i = first; i >= 0 && i <= last; i++) {
            assertFalse(kept[i], () -> "lines changed in two places: " + context);
        }
        // An added line ends like the line before it, like a line it replaces, or (last, in a text
        // without a final line break) with nothing.
        List<String> removedEndings = new ArrayList<>();
        for (int i = 0; i < old.size(); i++) {
            if (!kept[i]) {
                removedEndings.add(ending(old.get(i)));
            }
        }
        for (int j = 0; j < edited.size(); j++) {
            if (!added[j]) {
                continue;
            }
            String ending = ending(edited.get(j));
            boolean likeNeighbour = j > 0
                    ? ending.equals(ending(edited.get(j - 1)))
                    : edited.size() > 1 && ending.equals(ending(edited.get(1)));
            boolean lastWithout = j == edited.size() - 1
                    && ending.isEmpty()
                    && !old.isEmpty()
                    && ending(old.get(old.size() - 1)).isEmpty();
            // A text without any line break gives its lines LF.
            boolean firstOfEmpty = old.isEmpty()
                    || (old.size() == 1 && ending(old.get(0)).isEmpty() && (ending.equals("\n") || ending.isEmpty()));
            int line = j;
            assertTrue(
                    likeNeighbour || lastWithout || firstOfEmpty || removedEndings.contains(ending),
                    () -> "line " + (line + 1) + " ends with " + show(ending) + ": " + context);
        }
        assertTrue(isSubsequence(comments(text), comments(result)), () -> "a comment changed: " + context);
        // Reads back as intended.
        List<YamlDocument> after = LOADER.loadAll(SourceFile.ofText("p.yaml", result));
        for (int d = 0; d < Math.max(before.size(), edit.document() + 1); d++) {
            Object expected = d < before.size() ? TreeData.of(before.get(d).root()) : null;
            if (d == edit.document()) {
                expected = TreeData.with(expected, edit.path(), TreeData.intended(edit));
            }
            assertEquals(expected, TreeData.of(after.get(d).root()), context);
        }
        return true;
    }

    /** Lines with their endings, broken where YAML breaks them (LF, CRLF, CR, NEL, LS, PS). */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            } else if (TextLines.isBreak(c)) {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static String ending(String line) {
        if (line.endsWith("\r\n")) {
            return "\r\n";
        }
        return !line.isEmpty() && TextLines.isBreak(line.charAt(line.length() - 1))
                ? line.substring(line.length() - 1)
                : "";
    }

    /** Marks the lines a longest common subsequence keeps (in a) and the ones it does not (in b). */
    private static void commonLines(List<String> a, List<String> b, boolean[] kept, boolean[] added) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                kept[i++] = true;
                j++;
            } else if (j < b.size() && (i >= a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                added[j++] = true;
            } else {
                i++;
            }
        }
    }

    /** The comments of a text: from a `#` that starts a line or follows a blank, to the end of the line. */
    private static List<String> comments(String text) {
        List<String> comments = new ArrayList<>();
        Matcher m =
                Pattern.compile("(?m)(?:^|[ \t])(#[^\r\n\u0085\u2028\u2029]*)").matcher(text);
        while (m.find()) {
            comments.add(m.group(1));
        }
        return comments;
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        int j = 0;
        for (String item : part) {
            while (j < whole.size() && !whole.get(j).equals(item)) {
                j++;
            }
            if (j++ >= whole.size()) {
                return false;
            }
        }
        return true;
    }

    private static String show(String text) {
        return text.replace("\r", "<CR>")
                .replace("\u0085", "<NEL>")
                .replace("\u2028", "<LS>")
                .replace("\u2029", "<PS>")
                .replace("\uFEFF", "<BOM>")
                .replace("\t", "<TAB>");
    }

    /**
     * An edit somewhere in the first document: down through mappings and lists at random, then
     * replacing the scalar reached or adding keys below a mapping or null.
     */
    private static Edit randomEdit(String text, Random random) throws YamlException {
        List<YamlDocument> documents = LOADER.loadAll(SourceFile.ofText("p.yaml", text));
        YamlNode node = documents.isEmpty() ? null : documents.get(0).root();
        List<Object> path = new ArrayList<>();
        while (random.nextInt(4) != 0) {
            if (node instanceof YamlMap map && map.size() > 0) {
                List<YamlEntry> entries = new ArrayList<>(map.entries());
                YamlEntry entry = entries.get(random.nextInt(entries.size()));
                path.add(entry.name());
                node = entry.value();
            } else if (node instanceof YamlList list && !list.items().isEmpty()) {
                int index = random.nextInt(list.items().size());
                path.add(index);
                node = list.items().get(index);
            } else {
                break;
            }
        }
        while (node instanceof YamlList && !path.isEmpty()) {
            // A list is never replaced: set something in the mapping that holds it instead.
            path.remove(path.size() - 1);
            node = null;
        }
        boolean intoMapping = node == null || node instanceof YamlMap || (node instanceof YamlScalar s && s.isNull());
        if (path.isEmpty() || (intoMapping && (node instanceof YamlMap || random.nextBoolean()))) {
            int extra = 1 + random.nextInt(3);
            for (int i = 0; i < extra; i++) {
                path.add(KEYS[random.nextInt(KEYS.length)] + (random.nextInt(3) == 0 ? "_" + random.nextInt(9) : ""));
            }
        }
        return new Edit(0, path, VALUES[random.nextInt(VALUES.length)], random.nextBoolean());
    }

    /** Random documents with every construct the editor must handle. */
    static final class Generator {
        private final Random random;
        private final String newline;
        /** An LF file with the odd CRLF line, or CR or a Unicode separator here and there. */
        private final boolean mixed;

        private final int unit;
        private int counter;
        private final List<String> scalarAnchors = new ArrayList<>();
        private final List<String> mappingAnchors = new ArrayList<>();

        Generator(Random random) {
            this.random = random;
            this.newline = switch (random.nextInt(8)) {
                case 0, 1 -> "\r\n";
                case 2 -> "\r";
                default -> "\n";
            };
            this.mixed = random.nextInt(5) == 0;
            this.unit = random.nextInt(3) == 0 ? 4 : 2;
        }

        private String nl() {
            if (mixed && random.nextInt(6) == 0) {
                return new String[] {"\r\n", "\n", "\r", "\u2028", "\u0085", "\u2029"}[random.nextInt(6)];
            }
            return newline;
        }

        String document() {
            StringBuilder out = new StringBuilder();
            if (random.nextInt(8) == 0) {
                out.append('\uFEFF');
            }
            if (random.nextBoolean()) {
                out.append("# generated values").append(nl());
            }
            int shape = random.nextInt(20);
            if (shape == 0) {
                out.append(new String[] {"~", "null", "--- ~", "--- !!null", "---", "--- # empty", "---" + nl() + "..."}
                                [random.nextInt(7)])
                        .append(nl());
            } else {
                if (shape == 1) {
                    out.append("%YAML 1.1").append(nl()).append("---").append(nl());
                } else if (shape == 2) {
                    out.append("--- # start").append(nl());
                }
                block(out, 0, 0);
                if (random.nextInt(8) == 0) {
                    out.append("...").append(nl());
                }
            }
            if (random.nextInt(6) == 0) {
                out.append("---").append(nl()).append("other: doc").append(nl());
            }
            String text = out.toString();
            if (random.nextInt(6) == 0 && !text.isEmpty() && TextLines.isBreak(text.charAt(text.length() - 1))) {
                text = text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1));
            }
            return text;
        }

        private String key() {
            String key = KEYS[random.nextInt(KEYS.length - 2)] + "_" + counter++;
            return switch (random.nextInt(12)) {
                case 0 -> "\"" + key + "\"";
                case 1 -> "'" + key + "'";
                default -> key;
            };
        }

        private void block(StringBuilder out, int indent, int depth) {
            int entries = 1 + random.nextInt(depth == 0 ? 5 : 3);
            String pad = " ".repeat(indent);
            String inner = " ".repeat(indent + unit);
            for (int i = 0; i < entries; i++) {
                if (random.nextInt(5) == 0) {
                    out.append(pad).append("# comment ").append(counter++).append(nl());
                }
                if (random.nextInt(7) == 0) {
                    out.append(nl());
                }
                String key = key();
                if (random.nextInt(15) == 0) {
                    out.append(pad)
                            .append("? ")
                            .append(key)
                            .append(nl())
                            .append(pad)
                            .append(':');
                } else {
                    out.append(pad).append(key).append(':');
                }
                int kind = depth >= 3 ? random.nextInt(16) : random.nextInt(20);
                boolean trailingAllowed = true;
                switch (kind) {
                    case 0 -> out.append(" plain").append(counter++);
                    case 1 -> out.append(" \"double ").append(counter++).append(" \\\"q\\\"\"");
                    case 2 -> out.append(" 'single ").append(counter++).append(" ''q'''");
                    case 3 -> out.append(" ").append(random.nextBoolean() ? "true" : "42");
                    case 4 -> out.append(new String[] {"", " ~", " null", " !!null"}[random.nextInt(4)]);
                    case 5 ->
                        out.append(new String[] {
                                    " {f: 1, g: [a, b]}", " {}", " { }", " {f: 1,}", " {f, g: 2}", " {\"f\": \"json\"}"
                                }
                                [random.nextInt(6)]);
                    case 6 -> {
                        String header = new String[] {"|", "|-", "|+", ">", ">-", ">+", "|2"}[random.nextInt(7)];
                        out.append(' ').append(header);
                        if (random.nextInt(4) == 0) {
                            out.append(" # header comment");
                        }
                        out.append(nl());
                        out.append(inner).append("line one").append(nl());
                        out.append(inner).append("line two");
                        if (random.nextInt(3) == 0) {
                            out.append(nl());
                            out.append(random.nextBoolean() ? "" : inner); // a blank line the block scalar may keep
                        }
                        trailingAllowed = false;
                    }
                    case 7 -> {
                        if (random.nextInt(4) == 0) {
                            out.append(" # a list");
                        }
                        String dash = random.nextBoolean() ? pad : inner;
                        out.append(nl()).append(dash).append("- item").append(nl());
                        out.append(dash).append(random.nextInt(4) == 0 ? "-" : "- item2");
                    }
                    case 8 -> {
                        out.append(nl())
                                .append(pad)
                                .append("- name: n")
                                .append(counter++)
                                .append(nl());
                        out.append(pad).append("  value: v");
                    }
                    case 9 -> {
                        String anchor = "s" + counter++;
                        out.append(" &").append(anchor).append(" anchored");
                        scalarAnchors.add(anchor);
                    }
                    case 10 -> {
                        if (scalarAnchors.isEmpty()) {
                            out.append(" no-alias-yet");
                        } else {
                            out.append(" *").append(scalarAnchors.get(random.nextInt(scalarAnchors.size())));
                        }
                    }
                    case 11 ->
                        out.append(new String[] {
                                    " !!str 3",
                                    " !!bool \"true\"",
                                    " !!int \"5\"",
                                    " !!float 1",
                                    " !custom x",
                                    " ! plain"
                                }
                                [random.nextInt(6)]);
                    case 12 -> {
                        out.append(" {").append(nl());
                        out.append(inner).append("f: 1, # in flow").append(nl());
                        out.append(inner)
                                .append("g: 2")
                                .append(random.nextBoolean() ? "," : "")
                                .append(nl());
                        out.append(pad).append("}");
                    }
                    case 13 -> {
                        if (mappingAnchors.isEmpty()) {
                            out.append(" {}");
                        } else {
                            String anchor = mappingAnchors.get(random.nextInt(mappingAnchors.size()));
                            if (random.nextBoolean()) {
                                out.append(" *").append(anchor);
                            } else {
                                out.append(nl())
                                        .append(inner)
                                        .append("<<: *")
                                        .append(anchor)
                                        .append(nl());
                                out.append(inner)
                                        .append("own_")
                                        .append(counter++)
                                        .append(": 1");
                            }
                        }
                    }
                    case 14 -> out.append(" ~ # nothing yet");
                    case 15 -> out.append(" \"multi").append(nl()).append(inner).append("line\"");
                    default -> {
                        String anchor = random.nextInt(5) == 0 ? "m" + counter++ : null;
                        if (anchor != null) {
                            out.append(" &").append(anchor);
                        }
                        if (random.nextInt(4) == 0) {
                            out.append(" # trailing on a map key");
                        }
                        out.append(nl());
                        block(out, indent + unit, depth + 1);
                        if (anchor != null) {
                            mappingAnchors.add(anchor); // only after it: an alias inside it would be recursive
                        }
                        continue;
                    }
                }
                if (trailingAllowed && random.nextInt(4) == 0) {
                    // (after a block scalar's last line a `#` would be content, not a comment; SnakeYAML
                    // takes a tab before a comment only after a plain scalar)
                    boolean plain = kind == 0 || kind == 3 || kind == 9;
                    out.append(plain && random.nextBoolean() ? "\t# tab " : "  # trailing ")
                            .append(counter++);
                }
                out.append(nl());
            }
        }
    }

    @Test
    void theGeneratorCoversWhatItClaims() throws Exception {
        Random random = new Random(7);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            String document = new Generator(random).document();
            try {
                LOADER.loadAll(SourceFile.ofText("g.yaml", document));
            } catch (YamlException e) {
                fail("the generator wrote invalid YAML: " + e.getMessage() + "\n" + show(document));
            }
            all.append(document);
        }
        for (String feature : new String[] {
            "\r\n",
            "\r",
            "\u2028",
            "\u0085",
            "\u2029",
            "\uFEFF",
            "# comment",
            "  # trailing",
            "\t# tab",
            " |",
            " |+",
            " >-",
            " |2",
            "# header comment",
            "- item",
            "- name:",
            "{f: 1",
            "{f: 1,}",
            "{ }",
            "{f, g: 2}",
            "\"json\"",
            "# in flow",
            "'single",
            "\"double",
            " ~",
            " !!null",
            "---",
            "...",
            "%YAML",
            "--- ~",
            "? ",
            "&s",
            "*s",
            "&m",
            "<<: *m",
            "!!bool \"true\"",
            "!custom",
            "\"multi"
        }) {
            if (!all.toString().contains(feature)) {
                fail("the generator never produced " + show(feature));
            }
        }
    }
}
