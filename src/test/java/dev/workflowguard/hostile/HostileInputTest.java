package dev.workflowguard.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.check.InputException;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.fix.Fixer;
import dev.workflowguard.fix.PatchFile;
import dev.workflowguard.fix.SafeWriter;
import dev.workflowguard.report.ConsoleReport;
import dev.workflowguard.yaml.YamlLimits;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Throws every case of the hostile corpus (src/test/resources/hostile) at {@code check} and at
 * {@code fix}, and asserts the exact outcome written in the table hostile/outcomes.csv: the exact
 * findings (rule and file:line:col), or an {@link InputException} that names the file (and the line
 * and column where known) and the parameter; and for fix, that every file is byte-identical
 * afterwards unless a fix was intended, in which case the changed file must equal
 * hostile/expected/&lt;case&gt; exactly.
 *
 * <p>A case is one file. A data file is copied into a throwaway project as {@code values/<case>}
 * (checked after hostile/support/base.yaml, which passes every rule, so every finding comes from
 * the case) or {@code rendered/<case>}. A {@code .recipe} file instead builds the case at test
 * time: large inputs are generated, never committed, and links, FIFOs and folders are made as the
 * case needs. Recipe lines ({@code @} is the case's path, {@code $OUT} a folder outside the
 * project; text takes {@code \n \r \t \\ \xHH} escapes):
 * <pre>
 * text PATH TEXT            append TEXT to PATH (folders created)
 * repeat PATH N TEXT        append TEXT N times
 * nest PATH KEY DEPTH       append DEPTH block mappings nested one space deeper each
 * copy PATH RESOURCE        append a file of this folder (e.g. support/base.yaml)
 * dir PATH | fifo PATH      make a folder, a named pipe
 * symlink PATH TARGET       make a symbolic link
 * chmod PATH MODE           set permission bits, e.g. r--r--r-- (root ignores them; the fix must not)
 * after-plan delete PATH | after-plan text PATH TEXT | after-plan symlink PATH TARGET
 *                           change the project after fix planned and before it writes
 * </pre>
 */
class HostileInputTest {

    private static final String ROOT = "hostile/";
    private static final String VALUES_PARAMETER = "[parameter valuesFiles / workflow.values]";
    private static final String MANIFESTS_PARAMETER = "[parameter manifests / workflow.manifests]";

    /** One row of hostile/outcomes.csv. */
    record Case(
            String name,
            String input,
            String options,
            String check,
            String where,
            String says,
            String fix,
            String fixSays,
            String never) {

        boolean isRecipe() {
            return name.endsWith(".recipe");
        }

        /** The case's file in the throwaway project, relative to it. */
        String path() {
            String file = isRecipe() ? name.substring(0, name.length() - ".recipe".length()) + ".yaml" : name;
            return (input.startsWith("manifests") ? "rendered/" : "values/") + file;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() throws IOException {
        List<String> lines = Files.readAllLines(resource("outcomes.csv"), StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        String[] header = lines.get(0).split(",", -1);
        assertEquals(
                List.of("case", "input", "options", "check", "where", "says", "fix", "fix_says", "never"),
                List.of(header));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = csv(line);
            assertEquals(header.length, f.length, () -> "outcomes.csv: wrong number of columns in: " + line);
            cases.add(new Case(
                    f[0].trim(),
                    f[1].trim(),
                    f[2].trim(),
                    f[3].trim(),
                    f[4].trim(),
                    f[5].trim(),
                    f[6].trim(),
                    f[7].trim(),
                    f[8].trim()));
        }
        return cases;
    }

    /** The fields of one CSV line; a field in double quotes may hold commas ("" is a quote). */
    static String[] csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }

    @Test
    void everyCorpusFileHasExactlyOneRowAndTheCorpusIsLargeEnough() throws IOException {
        List<String> named = cases().stream().map(Case::name).toList();
        assertEquals(named.size(), named.stream().distinct().count(), "a case is listed twice");
        List<String> files;
        try (Stream<Path> list = Files.list(resource(""))) {
            files = list.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("outcomes.csv"))
                    .sorted()
                    .toList();
        }
        assertEquals(files, named.stream().sorted().toList(), "corpus files and rows of outcomes.csv differ");
        assertTrue(named.size() >= 60, "the corpus has only " + named.size() + " cases");
    }

    @TempDir
    Path temp;

    /**
     * A watchdog per case with a wide margin (the slowest case takes about 5 s on a quiet 2-core machine and
     * has taken 24 s on a loaded one), and every failure names the case: Surefire's summary only shows the
     * index of a parameterized case.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checkAndFix(Case c) {
        try {
            assertTimeoutPreemptively(
                    CASE_LIMIT,
                    () -> checkAndFixCase(c),
                    () -> "hostile case " + c.name() + " did not finish within " + CASE_LIMIT.toMinutes() + " minutes");
        } catch (AssertionError failure) {
            if (String.valueOf(failure.getMessage()).startsWith("hostile case ")) {
                throw failure;
            }
            throw new AssertionError("hostile case " + c.name() + ": " + failure.getMessage(), failure);
        } catch (Exception unexpected) {
            throw new AssertionError("hostile case " + c.name() + " threw " + unexpected, unexpected);
        }
    }

    private static final Duration CASE_LIMIT = Duration.ofMinutes(5);

    private void checkAndFixCase(Case c) throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        List<String[]> afterPlan = build(c, project, outside);
        CheckRequest request = request(c, project);
        List<String> shown = new ArrayList<>();

        // check
        Map<String, String> before = snapshot(temp);
        String checkError = null;
        AssertionError checkFailure = null;
        try {
            CheckResult result = new Checker().check(request);
            ConsoleReport.lines(result).forEach(line -> shown.add(line.text()));
            observe("OBSERVED " + c.name() + " findings: "
                    + result.findings().stream()
                            .map(f -> f.rule() + "@" + f.location().toString().replace(c.path() + ":", "@:") + " {"
                                    + f.primary().message() + "}")
                            .toList());
            try {
                assertFindings(c, project, result);
            } catch (AssertionError failure) {
                checkFailure = failure;
            }
        } catch (InputException e) {
            checkError = e.getMessage();
            shown.add(checkError);
            observe("OBSERVED " + c.name() + " error: " + checkError);
            try {
                assertError(c, e);
            } catch (AssertionError failure) {
                checkFailure = failure;
            }
        }
        assertEquals(before, snapshot(temp), "check changed a file");

        // fix: plan, let the world change (some cases), write what the plan says
        FixPlan plan;
        try {
            plan = new Fixer().plan(request, null);
        } catch (InputException e) {
            shown.add(e.getMessage());
            observe("OBSERVED " + c.name() + " fix: error " + e.getMessage());
            if (checkFailure != null) {
                throw checkFailure;
            }
            assertEquals("error", c.fix(), () -> "fix failed: " + e.getMessage());
            assertEquals(checkError, e.getMessage(), "fix fails as check fails");
            assertEquals(before, snapshot(temp), "a failed fix changed a file");
            assertNever(c, shown);
            return;
        }
        assertFalse(c.fix().equals("error"), "fix was expected to fail but planned");
        shown.add(PatchFile.text(project, plan));
        plan.refused().forEach(r -> shown.add(r.reason()));
        for (String[] change : afterPlan) {
            apply(change, project, outside, c);
        }
        Map<String, String> planned = snapshot(temp);
        List<String> refusals = new ArrayList<>();
        try {
            new SafeWriter(project).writeAll(plan.changes());
        } catch (SafeWriter.RefusedException e) {
            refusals.add(e.getMessage());
        }
        shown.addAll(refusals);
        Map<String, String> after = snapshot(temp);
        observe("OBSERVED " + c.name() + " fix: changes="
                + plan.changes().stream().map(ch -> ch.file().displayName()).toList() + " refusedEdits="
                + plan.refused().stream().map(FixPlan.Refused::reason).toList() + " refusedWrites=" + refusals);
        if (checkFailure != null) {
            throw checkFailure;
        }
        switch (c.fix()) {
            case "unchanged" -> {
                assertEquals(
                        List.of(),
                        plan.changes().stream()
                                .map(ch -> ch.file().displayName())
                                .toList(),
                        "fix planned changes");
                assertEquals(planned, after, "fix changed a file");
                if (!c.fixSays().isEmpty()) {
                    assertTrue(
                            plan.refused().stream().anyMatch(r -> r.reason().contains(c.fixSays())),
                            () -> "no refused edit says \"" + c.fixSays() + "\": " + plan.refused());
                }
            }
            case "refused" -> {
                assertFalse(plan.changes().isEmpty(), "nothing was planned, so nothing could be refused");
                assertEquals(1, refusals.size(), () -> "the write was not refused: " + refusals);
                assertTrue(
                        refusals.get(0).contains(c.fixSays()),
                        () -> "the refusal does not say \"" + c.fixSays() + "\": " + refusals);
                assertEquals(planned, after, "a refused fix changed a file");
            }
            case "changed" -> {
                assertEquals(List.of(), refusals, "writes were refused");
                byte[] expected = Files.readAllBytes(resource("expected/" + c.name()));
                Path real = project.resolve(c.path()).toRealPath();
                String changed = temp.relativize(real).toString();
                assertArrayEquals(
                        expected,
                        Files.readAllBytes(real),
                        () -> "fixed " + c.path() + " differs from expected/" + c.name() + ":\n"
                                + new String(uncheckedRead(real), StandardCharsets.UTF_8));
                Map<String, String> others = new TreeMap<>(after);
                others.remove(changed);
                Map<String, String> othersBefore = new TreeMap<>(planned);
                othersBefore.remove(changed);
                assertEquals(othersBefore, others, "fix changed a file besides " + c.path());
            }
            default -> fail("unknown fix outcome " + c.fix());
        }
        assertNoTemporaryFiles(after);
        assertNever(c, shown);
    }

    /** With -Dhostile.observe=true, prints what each case did (to write or review a row of outcomes.csv). */
    private static void observe(String line) {
        if (Boolean.getBoolean("hostile.observe")) {
            System.out.println(line);
        }
    }

    // ---- the request -------------------------------------------------------------------------------

    private static CheckRequest request(Case c, Path project) {
        CheckRequest.Builder builder = CheckRequest.builder(project);
        YamlLimits limits = YamlLimits.DEFAULTS;
        for (String option : c.options().isEmpty() ? new String[0] : c.options().split(" ")) {
            String[] kv = option.split("=", 2);
            switch (kv[0]) {
                case "maxFileSizeMb" -> limits = limits.withMaxFileBytes(Long.parseLong(kv[1]) * 1024 * 1024);
                case "maxNestingDepth" -> limits = limits.withMaxNestingDepth(Integer.parseInt(kv[1]));
                case "maxAliases" -> limits = limits.withMaxAliases(Integer.parseInt(kv[1]));
                case "version" -> builder.workflowVersion(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        builder.limits(limits);
        switch (c.input()) {
            case "values" -> builder.values("values/base.yaml", c.path());
            case "alone" -> builder.values(c.path());
            case "manifests" -> builder.manifests(c.path());
            default -> {
                if (c.input().startsWith("manifests=")) {
                    builder.manifests(c.input().substring("manifests=".length()));
                } else {
                    throw new IllegalArgumentException("unknown input " + c.input());
                }
            }
        }
        return builder.build();
    }

    // ---- assertions on check -----------------------------------------------------------------------

    private static void assertFindings(Case c, Path project, CheckResult result) {
        List<String> actual = result.findings().stream()
                .map(f -> f.rule() + "@" + f.location().toString().replace(c.path() + ":", "@:"))
                .sorted()
                .toList();
        String described = result.findings().stream()
                .flatMap(f -> f.places().stream().map(p -> ConsoleReport.line(f, p)))
                .collect(Collectors.joining("\n  ", "\n  ", ""));
        switch (c.check()) {
            case "clean" -> assertEquals(List.of(), actual, () -> "expected no finding:" + described);
            case "findings" -> {
                List<String> expected =
                        Arrays.stream(c.where().split(" ")).sorted().toList();
                assertEquals(expected, actual, () -> "findings differ:" + described);
                if (!c.says().isEmpty()) {
                    assertTrue(
                            result.findings().stream()
                                    .flatMap(f -> f.places().stream())
                                    .anyMatch(p -> p.message().contains(c.says())),
                            () -> "no finding says \"" + c.says() + "\":" + described);
                }
            }
            case "error" -> fail("expected an error naming " + c.where() + " but the check passed with:" + described);
            default -> fail("unknown check outcome " + c.check());
        }
        // Wherever a finding points, it is a real line of a checked file.
        for (Finding finding : result.findings()) {
            for (Place place : finding.places()) {
                String text = place.location().file().text();
                long lines = text.lines().count() + 1;
                assertTrue(
                        place.location().line() >= 1 && place.location().line() <= lines,
                        () -> "points past the end of the file: " + place.location());
                assertTrue(
                        place.location()
                                        .file()
                                        .path()
                                        .toAbsolutePath()
                                        .normalize()
                                        .startsWith(project.toAbsolutePath().normalize())
                                || c.name().contains("outside"),
                        () -> "points outside the project: " + place.location());
            }
        }
    }

    private static void assertError(Case c, InputException e) {
        String message = e.getMessage();
        assertEquals("error", c.check(), () -> "unexpected error: " + message);
        String where = c.where().replace("@", c.path());
        String parameter = c.input().startsWith("manifests") ? MANIFESTS_PARAMETER : VALUES_PARAMETER;
        assertTrue(
                message.startsWith(where + ": ") || message.startsWith(where + " "),
                () -> "the message does not start with " + where + ": " + message);
        if (!where.contains(":")) {
            assertFalse(
                    message.matches("^" + java.util.regex.Pattern.quote(where) + ":\\d+.*"),
                    () -> "the message has a position the table does not expect: " + message);
        }
        assertTrue(message.endsWith(parameter), () -> "the message does not name " + parameter + ": " + message);
        assertTrue(message.contains(c.says()), () -> "the message does not say \"" + c.says() + "\": " + message);
        assertFalse(
                message.contains("Exception") || message.contains("\tat "),
                () -> "the message shows an exception: " + message);
        assertNotNull(e.parameter());
    }

    private static void assertNever(Case c, List<String> shown) {
        if (c.never().isEmpty()) {
            return;
        }
        for (String text : shown) {
            assertFalse(text.contains(c.never()), () -> "an output shows \"" + c.never() + "\":\n" + text);
        }
    }

    private static void assertNoTemporaryFiles(Map<String, String> files) {
        for (String path : files.keySet()) {
            assertFalse(path.endsWith(".workflow-fix.tmp"), () -> "a temporary file was left behind: " + path);
        }
    }

    // ---- building a case ---------------------------------------------------------------------------

    /** Lays the case out in the project; returns the changes to make after the fix is planned. */
    private static List<String[]> build(Case c, Path project, Path outside) throws IOException {
        if (c.input().equals("values")) {
            append(project.resolve("values/base.yaml"), Files.readAllBytes(resource("support/base.yaml")));
        }
        if (!c.isRecipe()) {
            append(project.resolve(c.path()), Files.readAllBytes(resource(c.name())));
            return List.of();
        }
        List<String[]> afterPlan = new ArrayList<>();
        for (String line : Files.readAllLines(resource(c.name()), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("after-plan ")) {
                afterPlan.add(words(line.substring("after-plan ".length())));
            } else {
                apply(words(line), project, outside, c);
            }
        }
        return afterPlan;
    }

    /** The directive's words: the verb, the path, then the rest (the text may hold spaces) as one word. */
    private static String[] words(String line) {
        String[] first = line.split(" ", 3);
        if (first[0].equals("repeat") || first[0].equals("nest")) {
            return line.split(" ", 4);
        }
        return first;
    }

    private static void apply(String[] d, Path project, Path outside, Case c) throws IOException {
        Path path = project.resolve(d[1].replace("@", c.path()).replace("$OUT", outside.toString()))
                .normalize();
        switch (d[0]) {
            case "text" -> append(path, unescape(d[2]));
            case "repeat" -> {
                byte[] unit = unescape(d[3]);
                Files.createDirectories(path.getParent());
                try (OutputStream out = new BufferedOutputStream(
                        Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16)) {
                    for (long i = Long.parseLong(d[2]); i > 0; i--) {
                        out.write(unit);
                    }
                }
            }
            case "nest" -> {
                StringBuilder text = new StringBuilder();
                int depth = Integer.parseInt(d[3]);
                for (int i = 0; i < depth; i++) {
                    text.append(" ".repeat(i)).append(d[2]).append(":\n");
                }
                text.append(" ".repeat(depth)).append("leaf: 1\n");
                append(path, text.toString().getBytes(StandardCharsets.UTF_8));
            }
            case "copy" -> append(path, Files.readAllBytes(resource(d[2])));
            case "dir" -> Files.createDirectories(path);
            case "fifo" -> {
                Files.createDirectories(path.getParent());
                Process mkfifo = new ProcessBuilder("mkfifo", path.toString())
                        .inheritIO()
                        .start();
                try {
                    assertEquals(0, mkfifo.waitFor(), "mkfifo failed");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            case "symlink" -> {
                Files.createDirectories(path.getParent());
                Files.deleteIfExists(path);
                Files.createSymbolicLink(path, Path.of(d[2].replace("$OUT", outside.toString())));
            }
            case "delete" -> Files.delete(path);
            case "chmod" ->
                Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(d[2]));
            default -> throw new IllegalArgumentException(c.name() + ": unknown recipe directive " + d[0]);
        }
    }

    private static void append(Path path, byte[] bytes) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** UTF-8 bytes of the text, with \\n \\r \\t \\\\ and \\xHH (one raw byte) escapes. */
    static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp != '\\' || i == text.length()) {
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char next = text.charAt(i++);
            switch (next) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(text.substring(i, i + 2), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + next + " in " + text);
            }
        }
        return out.toByteArray();
    }

    // ---- files ------------------------------------------------------------------------------------

    /** Every entry under the folder, links not followed: a file's content (digest when large), a link's target. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                entries.put(root.relativize(dir).toString(), "folder");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = root.relativize(file).toString();
                if (attrs.isSymbolicLink()) {
                    entries.put(name, "link to " + Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    entries.put(name, describe(Files.readAllBytes(file)));
                } else {
                    entries.put(name, "other");
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return entries;
    }

    private static String describe(byte[] bytes) {
        if (bytes.length <= 4096) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return bytes.length + " bytes, sha-256 "
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] uncheckedRead(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        URL url = HostileInputTest.class.getClassLoader().getResource(ROOT + name);
        Objects.requireNonNull(url, () -> "no test resource " + ROOT + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
