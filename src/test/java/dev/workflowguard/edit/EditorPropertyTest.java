package dev.workflowguard.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Properties of the editor over generated documents (every formatting feature it must survive, at
 * random) and collected ones (the golden inputs and the fixtures), with random edits: the text
 * outside the edited span is unchanged byte for byte, no comment is touched, and the result
 * reads back as the old document with exactly the intended change.
 */
class EditorPropertyTest {

    private static final YamlLoader LOADER = new YamlLoader(YamlLimits.DEFAULTS);
    private static final String[] KEYS = {"global", "storage", "router", "controller", "mode", "a", "b",
        "router.deis.io/nginx.ssl.enforce", "x_y", "deployment_annotations"};
    private static final String[] VALUES = {"admin_only", "false", "true", "2", "TLSv1.2 TLSv1.3", "it's \"q\"",
        "10.0.0.0/8,192.168.0.0/16", "", "null", "ünïcødé 🚀"};

    @Test
    void generatedDocuments() throws Exception {
        Random random = new Random(20261126L);
        int edited = 0;
        int refused = 0;
        for (int i = 0; i < 1500; i++) {
            Generator generator = new Generator(random);
            String text = generator.document();
            if (!check(text, random, "generated #" + i)) {
                refused++;
            } else {
                edited++;
            }
        }
        assertTrue(edited > 1400, "most random edits must succeed, refused " + refused + " of " + (edited + refused));
    }

    @Test
    void collectedDocuments() throws Exception {
        Random random = new Random(42L);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> golden = Files.walk(Path.of("src", "test", "resources", "golden"))) {
            golden.filter(p -> p.getFileName().toString().equals("input.yaml")).sorted().forEach(files::add);
        }
        try (Stream<Path> fixtures = Files.list(Path.of("src", "test", "resources", "fixtures"))) {
            fixtures.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        Files.list(Path.of("examples", "infra-repo", "values")).sorted().forEach(files::add);
        int edited = 0;
        for (Path file : files) {
            SourceFile source = SourceReader.decode(file, file.toString(), Files.readAllBytes(file));
            for (int j = 0; j < 25; j++) {
                if (check(source.text(), random, file.toString())) {
                    edited++;
                }
            }
        }
        assertTrue(edited > files.size() * 20, "edited " + edited);
    }

    /** Makes one random edit and checks the properties; false when the editor refused it. */
    private static boolean check(String text, Random random, String name) throws Exception {
        SourceFile file = SourceFile.ofText("p.yaml", text);
        List<YamlDocument> before = LOADER.loadAll(file);
        Edit edit = randomEdit(before.isEmpty() ? null : before.get(0).root(), random);
        String result;
        try {
            result = new YamlEditor(YamlLimits.DEFAULTS).apply(file, edit);
        } catch (EditException refused) {
            // The editor's own proof must never be what stops an edit: that would be an editor bug.
            assertFalse(refused.getMessage().startsWith("internal error"),
                    () -> name + " " + edit + ": " + refused.getMessage() + "\n" + text);
            return false;
        }
        String context = name + " " + edit + "\n--- before\n" + text + "\n--- after\n" + result;
        // Every old line survives unchanged except at most the one holding the edited key (or the lines of
        // a replaced block scalar), and every comment survives.
        List<String> removed = removedLines(text, result);
        if (removed.size() > 1) {
            assertTrue(removed.get(0).contains("|") || removed.get(0).contains(">"),
                    () -> "more than one line changed: " + removed + "\n" + context);
        }
        assertTrue(isSubsequence(comments(text), comments(result)), () -> "a comment changed: " + context);
        // Reads back as intended.
        List<YamlDocument> after = LOADER.loadAll(SourceFile.ofText("p.yaml", result));
        Object expected = TreeData.with(before.isEmpty() ? null : TreeData.of(before.get(0).root()), edit.path(),
                TreeData.intended(edit));
        assertEquals(expected, TreeData.of(after.get(0).root()), context);
        for (int d = 1; d < before.size(); d++) {
            assertEquals(TreeData.of(before.get(d).root()), TreeData.of(after.get(d).root()), context);
        }
        return true;
    }

    /** The lines of {@code before} that are not kept, in order, in {@code after} (longest common subsequence). */
    private static List<String> removedLines(String before, String after) {
        List<String> a = dev.workflowguard.fix.UnifiedDiffLines.split(before);
        List<String> b = dev.workflowguard.fix.UnifiedDiffLines.split(after);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> removed = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size()) {
            if (j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && lcs[i][j + 1] >= lcs[i + 1][j]) {
                j++;
            } else {
                removed.add(a.get(i++));
            }
        }
        return removed;
    }

    /** The comments of a text: from a `#` that starts a line or follows a space, to the end of the line. */
    private static List<String> comments(String text) {
        List<String> comments = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)(?:^|[ \t])(#[^\r\n]*)").matcher(text);
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

    /** An edit of an existing key, below an existing mapping, or at new paths. */
    private static Edit randomEdit(YamlNode root, Random random) {
        List<String> path = new ArrayList<>();
        YamlNode node = root;
        while (node instanceof YamlMap map && map.size() > 0 && random.nextInt(4) != 0) {
            List<YamlEntry> entries = new ArrayList<>(map.entries());
            YamlEntry entry = entries.get(random.nextInt(entries.size()));
            path.add(entry.name());
            node = entry.value();
        }
        boolean intoMapping = node == null || node instanceof YamlMap
                || (node instanceof dev.workflowguard.yaml.YamlScalar scalar && scalar.isNull());
        if (node instanceof dev.workflowguard.yaml.YamlList) {
            path.remove(path.size() - 1);
            intoMapping = true;
        }
        // Replace the scalar reached, or add keys below a mapping (lists and scalars never get children).
        if (path.isEmpty() || (intoMapping && (node instanceof YamlMap || random.nextBoolean()))) {
            int extra = 1 + random.nextInt(3);
            for (int i = 0; i < extra; i++) {
                path.add(KEYS[random.nextInt(KEYS.length)] + (random.nextInt(3) == 0 ? "_" + random.nextInt(9) : ""));
            }
        }
        String value = VALUES[random.nextInt(VALUES.length)];
        return Edit.values(path, value, random.nextBoolean());
    }

    /** Random documents with every formatting feature the editor must survive. */
    private static final class Generator {
        private final Random random;
        private final String newline;
        private final int unit;
        private int counter;

        Generator(Random random) {
            this.random = random;
            this.newline = random.nextInt(4) == 0 ? "\r\n" : "\n";
            this.unit = random.nextInt(3) == 0 ? 4 : 2;
        }

        String document() {
            StringBuilder out = new StringBuilder();
            if (random.nextInt(8) == 0) {
                out.append('\uFEFF');
            }
            if (random.nextBoolean()) {
                out.append("# generated values").append(newline);
            }
            block(out, 0, 0);
            if (random.nextInt(6) == 0) {
                out.append("---").append(newline).append("other: doc").append(newline);
            }
            String text = out.toString();
            if (random.nextInt(6) == 0 && text.endsWith(newline)) {
                text = text.substring(0, text.length() - newline.length());
            }
            return text;
        }

        private void block(StringBuilder out, int indent, int depth) {
            int entries = 1 + random.nextInt(depth == 0 ? 5 : 3);
            for (int i = 0; i < entries; i++) {
                String pad = " ".repeat(indent);
                if (random.nextInt(5) == 0) {
                    out.append(pad).append("# comment ").append(counter++).append(newline);
                }
                if (random.nextInt(7) == 0) {
                    out.append(newline);
                }
                String key = KEYS[random.nextInt(KEYS.length)] + "_" + counter++;
                out.append(pad).append(key).append(':');
                int kind = depth >= 3 ? random.nextInt(7) : random.nextInt(10);
                switch (kind) {
                    case 0 -> out.append(" plain").append(counter++);
                    case 1 -> out.append(" \"double ").append(counter++).append(" \\\"q\\\"\"");
                    case 2 -> out.append(" 'single ").append(counter++).append(" ''q'''");
                    case 3 -> out.append(" ").append(random.nextBoolean() ? "true" : "42");
                    case 4 -> out.append(random.nextBoolean() ? "" : " ~");
                    case 5 -> out.append(" {f: 1, g: [a, b]}");
                    case 6 -> {
                        out.append(" |").append(newline);
                        out.append(pad).append(" ".repeat(unit)).append("line one").append(newline);
                        out.append(pad).append(" ".repeat(unit)).append("line two");
                    }
                    case 7 -> {
                        out.append(newline);
                        out.append(pad).append(" ".repeat(unit)).append("- item").append(newline);
                        out.append(pad).append(" ".repeat(unit)).append("- item2");
                    }
                    default -> {
                        if (random.nextInt(4) == 0) {
                            out.append(" # trailing on a map key");
                        }
                        out.append(newline);
                        block(out, indent + unit, depth + 1);
                        continue;
                    }
                }
                if (kind != 6 && random.nextInt(4) == 0) {
                    // (after a block scalar's last line a `#` would be content, not a comment)
                    out.append("  # trailing ").append(counter++);
                }
                out.append(newline);
            }
        }
    }

    @Test
    void theGeneratorCoversWhatItClaims() throws Exception {
        Random random = new Random(7);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String document = new Generator(random).document();
            LOADER.loadAll(SourceFile.ofText("g.yaml", document));
            all.append(document);
        }
        for (String feature : new String[] {"\r\n", "\uFEFF", "# comment", "  # trailing", " |", "- item", "{f: 1",
            "'single", "\"double", " ~", "---"}) {
            if (!all.toString().contains(feature)) {
                fail("the generator never produced " + feature.replace("\r", "\\r"));
            }
        }
    }
}
