package dev.workflowguard.render;

import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.YamlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Answers "does changing this values key alone change this field of the render?" for many keys
 * with few renders. Keys whose probe is a sentinel (a string, or a replica count) are changed
 * together in one render, each to its own sentinel; {@link ProbeDiff} then proves that each
 * difference is one key's sentinel put where its value was, and a field that moved is blamed on
 * the keys whose sentinels it carries. Where that cannot be told (a batch that changes the chart's
 * structure, a field that moved without carrying any sentinel, a probe that flips a boolean), the
 * key is rendered alone, as it always was. The renders of one round run on every core (Helm's
 * library keeps no state between calls, and each call loads the chart itself).
 */
final class KeyProbes {

    /** What a key's probe is compared against: a field of a render, or null when it cannot be read. */
    record Question(ValuesPath key, String field, Function<ManifestSet, Object> read) {}

    /** A render with these keys changed to their sentinels, proven separable. */
    private record Batch(ManifestSet render, Map<ValuesPath, String> sentinels) {}

    /** How a key's probe is rendered. */
    interface Renders {
        /** The render with the keys set by `--set` and, in a values file after the user's, by the file's text. */
        Rendered render(Map<String, String> sets, String file) throws RenderException, YamlException;

        /** The render with one key changed as it always was probed (`--set`, else a values file). */
        Optional<ManifestSet> single(ValuesPath key);
    }

    private static final String SENTINEL = "workflow-guard-probe-";
    /** More threads than cores only wait; each render holds a copy of the chart's templates. */
    static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final ManifestSet base;
    private final String baseText;
    private final Renders renders;
    private final Function<ValuesPath, String> current;
    private final Function<ValuesPath, Boolean> needsFile;
    private final IntConsumer progress;

    private final Map<ValuesPath, Optional<ManifestSet>> singles = new ConcurrentHashMap<>();
    private final Map<ValuesPath, Batch> batched = new ConcurrentHashMap<>();
    private final Map<String, Boolean> answers = new HashMap<>();
    private int rendersMade;

    KeyProbes(
            ManifestSet base,
            String baseText,
            Renders renders,
            Function<ValuesPath, String> current,
            Function<ValuesPath, Boolean> needsFile,
            IntConsumer progress) {
        this.base = base;
        this.baseText = baseText;
        this.renders = renders;
        this.current = current;
        this.needsFile = needsFile;
        this.progress = progress;
    }

    /** How many probe renders were asked for (those served by a cache included). */
    synchronized int rendersMade() {
        return rendersMade;
    }

    /** True for each question whose key, changed alone, changes its field. */
    synchronized List<Boolean> answer(List<Question> questions) {
        List<Boolean> out = new ArrayList<>(questions.size());
        while (true) {
            Set<ValuesPath> alone = new LinkedHashSet<>();
            Set<ValuesPath> together = new LinkedHashSet<>();
            for (Question question : questions) {
                String id = question.key() + "\u0000" + question.field();
                if (answers.containsKey(id) || question.read() == null) {
                    continue;
                }
                Boolean known = decide(question);
                if (known != null) {
                    answers.put(id, known);
                } else if (batched.containsKey(question.key())
                        || isFlip(question.key())
                        || question.read().apply(base) instanceof Boolean) {
                    // A flipped boolean, or a field read as yes or no (evidence), never shows a sentinel.
                    alone.add(question.key());
                } else {
                    together.add(question.key());
                }
            }
            together.removeAll(alone);
            if (alone.isEmpty() && together.isEmpty()) {
                break;
            }
            resolve(new ArrayList<>(together), new ArrayList<>(alone));
        }
        for (Question question : questions) {
            out.add(question.read() != null && answers.get(question.key() + "\u0000" + question.field()));
        }
        return out;
    }

    /** The answer the renders so far prove, or null when a render of the key is still needed. */
    private Boolean decide(Question question) {
        ValuesPath key = question.key();
        Optional<ManifestSet> single = singles.get(key);
        if (single != null) {
            return single.isPresent()
                    && !Objects.equals(
                            question.read().apply(base), question.read().apply(single.get()));
        }
        Batch batch = batched.get(key);
        if (batch == null) {
            return null;
        }
        Object before = question.read().apply(base);
        Object after = question.read().apply(batch.render());
        if (Objects.equals(before, after)) {
            return false;
        }
        String shown = String.valueOf(after);
        if (shown.contains(batch.sentinels().get(key))) {
            return true;
        }
        // Moved, and shows another key's sentinel but not this one's: the move is that key's.
        boolean others = batch.sentinels().values().stream().anyMatch(shown::contains);
        return others ? Boolean.FALSE : null;
    }

    /** Renders, round after round on every core, until each key has a batch it is told apart in, or a render alone. */
    private void resolve(List<ValuesPath> together, List<ValuesPath> alone) {
        List<List<ValuesPath>> groups = new ArrayList<>();
        List<ValuesPath> singlesToRender = new ArrayList<>(alone);
        split(together, groups, singlesToRender);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "workflow-guard-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            while (!groups.isEmpty() || !singlesToRender.isEmpty()) {
                progress.accept(rendersMade);
                List<Future<?>> running = new ArrayList<>();
                Map<List<ValuesPath>, Future<ProbeDiff.Outcome>> outcomes = new LinkedHashMap<>();
                for (List<ValuesPath> group : groups) {
                    outcomes.put(group, pool.submit(() -> batch(group)));
                }
                for (ValuesPath key : singlesToRender) {
                    running.add(pool.submit(() -> singles.computeIfAbsent(key, renders::single)));
                }
                rendersMade += groups.size() + singlesToRender.size();
                List<List<ValuesPath>> next = new ArrayList<>();
                List<ValuesPath> nextSingles = new ArrayList<>();
                for (Map.Entry<List<ValuesPath>, Future<ProbeDiff.Outcome>> entry : outcomes.entrySet()) {
                    ProbeDiff.Outcome outcome = entry.getValue().get();
                    if (outcome != null && outcome.separable()) {
                        continue;
                    }
                    List<ValuesPath> group = entry.getKey();
                    List<List<ValuesPath>> parts = outcome == null
                            ? List.of()
                            : List.of(
                                    group.stream()
                                            .filter(outcome.clean()::contains)
                                            .toList(),
                                    group.stream()
                                            .filter(outcome.unseen()::contains)
                                            .toList());
                    List<ValuesPath> alsoAlone = outcome == null
                            ? List.of()
                            : group.stream().filter(outcome.dirty()::contains).toList();
                    boolean progress =
                            alsoAlone.size() > 0 || parts.stream().noneMatch(part -> part.size() == group.size());
                    if (outcome == null || !progress) {
                        // Nothing tells the culprit: halve the batch.
                        parts = List.of(
                                group.subList(0, group.size() / 2), group.subList(group.size() / 2, group.size()));
                        alsoAlone = List.of();
                    }
                    nextSingles.addAll(alsoAlone);
                    for (List<ValuesPath> part : parts) {
                        split(part, next, nextSingles);
                    }
                }
                for (Future<?> single : running) {
                    single.get();
                }
                groups = next;
                singlesToRender = nextSingles;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering provenance probes", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A batch of two or more keys goes to the groups, a lone key to the singles. */
    private static void split(List<ValuesPath> keys, List<List<ValuesPath>> groups, List<ValuesPath> alone) {
        // A key below another changed key cannot be set beside it: the other replaces the mapping.
        List<ValuesPath> batch = new ArrayList<>();
        for (ValuesPath key : keys) {
            boolean nested = keys.stream().anyMatch(other -> isBelow(key, other) || isBelow(other, key));
            (nested ? alone : batch).add(key);
        }
        if (batch.size() == 1) {
            alone.add(batch.get(0));
        } else if (batch.size() > 1) {
            groups.add(List.copyOf(batch));
        }
    }

    private static boolean isBelow(ValuesPath key, ValuesPath other) {
        return key.size() > other.size() && key.prefix(other.size()).equals(other);
    }

    /** Renders the keys together, each at its own sentinel; null when the render fails. */
    private ProbeDiff.Outcome batch(List<ValuesPath> group) {
        List<ProbeDiff.Sentinel> sentinels = new ArrayList<>();
        Map<String, String> sets = new LinkedHashMap<>();
        Map<ValuesPath, String> inFile = new LinkedHashMap<>();
        int number = 0;
        for (ValuesPath key : group) {
            String sentinel;
            do {
                number++;
                sentinel = isCount(key) ? String.valueOf(917_000 + number) : SENTINEL + number + "x";
            } while (baseText.contains(sentinel));
            sentinels.add(new ProbeDiff.Sentinel(key, sentinel, current.apply(key)));
            if (needsFile.apply(key)) {
                inFile.put(key, sentinel);
            } else {
                sets.put(HelmRenderer.setKey(key.keys()), sentinel);
            }
        }
        String file = inFile.isEmpty() ? null : ProbeFile.json(inFile);
        ManifestSet render;
        String text;
        try {
            Rendered rendered = renders.render(sets, file);
            render = rendered.objects();
            text = rendered.text();
        } catch (RenderException | YamlException | UncheckedIOException e) {
            // Told apart by halving the batch, down to keys rendered alone as they always were.
            return null;
        }
        ProbeDiff.Outcome outcome = ProbeDiff.compare(baseText, text, sentinels);
        if (outcome.separable()) {
            Map<ValuesPath, String> byKey = new HashMap<>();
            sentinels.forEach(s -> byKey.put(s.key(), s.text()));
            Batch batch = new Batch(render, Map.copyOf(byKey));
            group.forEach(key -> batched.put(key, batch));
        }
        return outcome;
    }

    /** A render's objects and text. */
    record Rendered(ManifestSet objects, String text) {}

    /** A probe that flips a boolean carries no sentinel: it is rendered alone. */
    private boolean isFlip(ValuesPath key) {
        String text = current.apply(key);
        return "true".equals(text) || "false".equals(text);
    }

    static boolean isCount(ValuesPath key) {
        return key.last().startsWith("replica");
    }

    /** Probe values written as a values file: the keys nested as JSON (a subset of YAML). */
    static final class ProbeFile {
        private ProbeFile() {}

        static String json(Map<ValuesPath, String> values) {
            Map<String, Object> tree = new LinkedHashMap<>();
            values.forEach((key, value) -> {
                Map<String, Object> at = tree;
                for (String step : key.keys().subList(0, key.size() - 1)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> next =
                            (Map<String, Object>) at.computeIfAbsent(step, k -> new LinkedHashMap<>());
                    at = next;
                }
                at.put(key.last(), value);
            });
            StringBuilder out = new StringBuilder();
            write(tree, out);
            return out.append('\n').toString();
        }

        private static void write(Object node, StringBuilder out) {
            if (node instanceof Map<?, ?> map) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    out.append(string((String) entry.getKey())).append(": ");
                    write(entry.getValue(), out);
                }
                out.append('}');
            } else {
                String value = (String) node;
                out.append(
                        value.equals("true") || value.equals("false") || value.matches("[1-9][0-9]*")
                                ? value
                                : string(value));
            }
        }

        static String string(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }

        /** Writes the text to a temporary values file, deleted after the action. */
        static <T> T withFile(String text, FileAction<T> action) throws RenderException, YamlException {
            Path file;
            try {
                file = Files.createTempFile("workflow-guard-probe-", ".yaml");
                file.toFile().deleteOnExit();
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                return action.apply(file);
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file the JVM deletes at exit anyway
                }
            }
        }

        @FunctionalInterface
        interface FileAction<T> {
            T apply(Path file) throws RenderException, YamlException;
        }
    }
}
