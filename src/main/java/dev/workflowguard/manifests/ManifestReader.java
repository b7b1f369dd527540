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

    private final YamlLoader loader;
    private final ManifestSelection selection;

    /** @param selection the objects some rule reads, and their fields; everything else is only checked for repeated keys */
    public ManifestReader(YamlLoader loader, ManifestSelection selection) {
        this.loader = loader;
        this.selection = selection;
    }

    /**
     * Reads whole files (a fresh render) keeping every object of a kind some rule reads, whatever its
     * name, with all its fields.
     */
    public ManifestSet read(List<SourceFile> files) throws YamlException {
        List<KubeObject> objects = new ArrayList<>();
        List<ManifestSet.ManifestDuplicate> duplicates = new ArrayList<>();
        for (SourceFile file : files) {
            FileResult result = readFile(file, (kind, name, hasStringData) -> true, false);
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
        for (ManifestSet set : readEach(inputs, source, beforeRelease, progress, (file, set) -> set)) {
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
        readEach(inputs, source, beforeRelease, progress, perFile, out::add);
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
                FutureTask<T> task = new FutureTask<>(() -> {
                    SourceFile file = source.read(input.path(), input.displayName());
                    beforeRelease.accept(file);
                    FileResult result = readFile(file, selection::keeps, true);
                    file.release();
                    return perFile.apply(file, new ManifestSet(result.objects(), result.duplicates(), List.of(file)));
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

    private static final AtomicInteger READER_COUNT = new AtomicInteger();

    private static final ThreadFactory READERS = task -> {
        Thread thread = new Thread(task, "workflow-guard-reader-" + READER_COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
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

    private FileResult readFile(SourceFile file, YamlLoader.Selector selector, boolean prune) throws YamlException {
        List<KubeObject> objects = new ArrayList<>();
        List<ManifestSet.ManifestDuplicate> duplicates = new ArrayList<>();
        loader.forEachDocument(file, selector, document -> {
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
                if (prune ? selection.keeps(object) : selection.keepsKind(object.kind())) {
                    objects.add(prune ? selection.prune(object) : object);
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
