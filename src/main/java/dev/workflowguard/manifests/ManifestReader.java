package dev.workflowguard.manifests;

import dev.workflowguard.yaml.DuplicateKey;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Turns the documents of manifest files into {@link KubeObject}s. Documents that are not
 * Kubernetes objects (no `kind` or no `metadata.name`: kustomization files, values files kept next
 * to the render) are skipped; `kind: List` is unpacked.
 */
public final class ManifestReader {

    /** The kinds some rule reads; everything else is dropped after duplicate-key checking. */
    static final Set<String> KINDS_READ = Set.of(
            "Deployment",
            "DaemonSet",
            "StatefulSet",
            "ReplicaSet",
            "Job",
            "CronJob",
            "Pod",
            "ReplicationController",
            "Service",
            "Secret",
            "HorizontalPodAutoscaler",
            "Role",
            "ClusterRole");

    private final YamlLoader loader;

    public ManifestReader(YamlLoader loader) {
        this.loader = loader;
    }

    public ManifestSet read(List<SourceFile> files) throws YamlException {
        List<KubeObject> objects = new ArrayList<>();
        List<ManifestSet.ManifestDuplicate> duplicates = new ArrayList<>();
        for (SourceFile file : files) {
            FileResult result = readFile(file, EVERY_OBJECT, false);
            objects.addAll(result.objects());
            duplicates.addAll(result.duplicates());
        }
        return new ManifestSet(objects, duplicates, files);
    }

    /** A manifest file to read: where it is and how messages name it. */
    public record Input(Path path, String displayName) {}

    /** Reads a file's text (a SourceReader, with the configured limits and overrides). */
    @FunctionalInterface
    public interface FileSource {
        SourceFile read(Path path, String displayName) throws YamlException;
    }

    /** What one file contributes. */
    private record FileResult(
            SourceFile file, List<KubeObject> objects, List<ManifestSet.ManifestDuplicate> duplicates) {}

    /**
     * Reads committed manifests as a large repository needs: files in parallel on every core, trees
     * built only for the objects some rule reads, those trees pruned to the fields the rules read,
     * and each file's text released once read, so memory follows the findings, not the repository.
     *
     * @param beforeRelease sees each file while its text is still in memory (suppression comments)
     * @param progress told how many files are done, in order, as they complete
     */
    public ManifestSet read(
            List<Input> inputs,
            FileSource source,
            Consumer<SourceFile> beforeRelease,
            BiConsumer<Integer, Integer> progress)
            throws YamlException {
        List<KubeObject> objects = new ArrayList<>();
        List<ManifestSet.ManifestDuplicate> duplicates = new ArrayList<>();
        List<SourceFile> files = new ArrayList<>();
        BiFunction<SourceFile, ManifestSet, ManifestSet> keep = new BiFunction<>() {
            @Override
            public ManifestSet apply(SourceFile file, ManifestSet set) {
                return set;
            }
        };
        for (ManifestSet set : readEach(inputs, source, beforeRelease, progress, keep)) {
            objects.addAll(set.objects());
            duplicates.addAll(set.duplicates());
            files.addAll(set.files());
        }
        return new ManifestSet(objects, duplicates, files);
    }

    /**
     * Reads the files like {@link #read(List, FileSource, Consumer, BiConsumer)} but hands each
     * file's objects to {@code perFile} on the reader thread and keeps only what it returns, so the
     * objects of a file can be dropped as soon as it has been checked.
     *
     * @return what {@code perFile} returned for each input, in input order
     */
    public <T> List<T> readEach(
            List<Input> inputs,
            FileSource source,
            Consumer<SourceFile> beforeRelease,
            BiConsumer<Integer, Integer> progress,
            BiFunction<SourceFile, ManifestSet, T> perFile)
            throws YamlException {
        List<T> out = new ArrayList<>(inputs.size());
        readEach(inputs, source, beforeRelease, progress, perFile, new Consumer<T>() {
            @Override
            public void accept(T result) {
                out.add(result);
            }
        });
        return out;
    }

    /**
     * Like {@link #readEach(List, FileSource, Consumer, BiConsumer, BiFunction)}, handing each
     * file's result to {@code inOrder} on the calling thread, in input order, as soon as it and
     * every file before it are done, so the caller can fold results instead of keeping them.
     */
    public <T> void readEach(
            List<Input> inputs,
            FileSource source,
            Consumer<SourceFile> beforeRelease,
            BiConsumer<Integer, Integer> progress,
            BiFunction<SourceFile, ManifestSet, T> perFile,
            Consumer<T> inOrder)
            throws YamlException {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), inputs.size());
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, READERS) : null;
        try {
            List<FutureTask<T>> results = new ArrayList<>();
            for (Input input : inputs) {
                FutureTask<T> task = new FutureTask<>(new Callable<T>() {
                    @Override
                    public T call() throws YamlException {
                        SourceFile file = source.read(input.path(), input.displayName());
                        beforeRelease.accept(file);
                        FileResult result = readFile(file, NEEDED, true);
                        file.release();
                        return perFile.apply(
                                file, new ManifestSet(result.objects(), result.duplicates(), List.of(file)));
                    }
                });
                if (pool != null) {
                    pool.execute(task);
                }
                results.add(task);
            }
            for (int i = 0; i < results.size(); i++) {
                if (pool == null) {
                    results.get(i).run(); // one at a time, so one file's objects are in memory at once
                }
                inOrder.accept(await(results.get(i)));
                results.set(i, null); // let what the caller does not keep go
                progress.accept(i + 1, inputs.size());
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static final ThreadFactory READERS = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "workflow-guard-reader-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    };

    private static <T> T await(Future<T> future) throws YamlException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading manifests", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof YamlException yaml) {
                throw yaml;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    // The selectors, callbacks and tasks here are classes rather than lambdas or method references: each
    // lambda is spun up as a class the first time it runs, which a single `mvn verify` pays in full.

    private static final YamlLoader.Selector EVERY_OBJECT = new YamlLoader.Selector() {
        @Override
        public boolean convert(String kind, String name, boolean hasStringData) {
            return true;
        }
    };

    private static final YamlLoader.Selector NEEDED = new YamlLoader.Selector() {
        @Override
        public boolean convert(String kind, String name, boolean hasStringData) {
            return needed(kind, name, hasStringData);
        }
    };

    /**
     * Whether some rule reads an object: deis-* workloads, the router Service, the Secrets the rules
     * name (or any with literal stringData), autoscalers and deis RBAC roles; `kind: List` to unpack.
     */
    static boolean needed(String kind, String name, boolean hasStringData) {
        if (kind == null) {
            return false;
        }
        if (kind.endsWith("List")) {
            return true;
        }
        if (!KINDS_READ.contains(kind)) {
            return false;
        }
        boolean deis = name != null && name.startsWith("deis");
        return switch (kind) {
            case "Service" -> "deis-router".equals(name);
            case "Secret" ->
                hasStringData || "objectstorage-keyfile".equals(name) || "deis-router-platform-cert".equals(name);
            case "HorizontalPodAutoscaler" -> true;
            default -> deis;
        };
    }

    private FileResult readFile(SourceFile file, YamlLoader.Selector selector, boolean prune) throws YamlException {
        List<KubeObject> objects = new ArrayList<>();
        List<ManifestSet.ManifestDuplicate> duplicates = new ArrayList<>();
        loader.forEachDocument(file, selector, new YamlLoader.DocumentHandler() {
            @Override
            public void handle(YamlDocument document) {
                List<KubeObject> found = new ArrayList<>();
                collect(document, document.root(), List.of(), found);
                String owner = found.size() == 1
                        ? found.get(0).ref()
                        : !document.converted() && document.kind() != null && document.name() != null
                                ? document.kind() + "/" + document.name()
                                : null;
                for (DuplicateKey duplicate : document.duplicates()) {
                    duplicates.add(new ManifestSet.ManifestDuplicate(duplicate, owner));
                }
                for (KubeObject object : found) {
                    if (KINDS_READ.contains(object.kind())
                            && (!prune || needed(object.kind(), object.name(), object.at("stringData") != null))) {
                        objects.add(prune ? Pruner.prune(object) : object);
                    }
                }
            }
        });
        return new FileResult(file, objects, duplicates);
    }

    private static void collect(YamlDocument document, YamlNode node, List<Object> path, List<KubeObject> into) {
        if (!(node instanceof YamlMap map)) {
            return;
        }
        String kind = map.get("kind") instanceof YamlScalar k && !k.isNull() ? k.text() : null;
        if (kind == null) {
            return;
        }
        if (kind.endsWith("List") && map.get("items") instanceof YamlList items) {
            for (int i = 0; i < items.items().size(); i++) {
                List<Object> itemPath = new ArrayList<>(path);
                itemPath.add("items");
                itemPath.add(i);
                collect(document, items.items().get(i), itemPath, into);
            }
            return;
        }
        if (map.get("metadata") instanceof YamlMap metadata
                && metadata.get("name") instanceof YamlScalar name
                && !name.isNull()) {
            into.add(new KubeObject(map, kind, name.text(), document.sourceComment(), document.index(), path));
        }
    }
}
