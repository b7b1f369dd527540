package dev.workflowguard.bench;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The scale of a GitOps monorepo: rendered Workflow manifests for many clusters (one folder and
 * one file of about 100 objects per cluster). Generates the corpus, then measures in the same JVM
 * the plain single-threaded SnakeYAML `composeAll` of the same bytes (the ceiling of a
 * single-threaded checker) and the plugin's check, and prints documents/s, MB/s and their ratio.
 * Memory is measured by checking the whole corpus and a tenth of it in the same JVM: the peak heap
 * (garbage included, so it depends on how lazily the collector runs) and the peak heap still in
 * use after a collection (what the check really keeps), with their ratios.
 *
 * <p>Run: {@code ./mvnw -B -Pbench test -Dtest=ScaleBenchmark} (override the sizes with
 * {@code -Dbench.clusters=1000 -Dbench.objectsPerCluster=100}).
 */
class ScaleBenchmark {

    /**
     * Writes the corpus into {@code -Dbench.corpusDir} (as {@code clusters/cluster-N/workflow.yaml}) and measures
     * nothing: src/bench/growing-repo.sh builds repositories of growing size from it and times `mvn verify`.
     */
    @Test
    void writeCorpus() throws IOException {
        String target = System.getProperty("bench.corpusDir");
        org.junit.jupiter.api.Assumptions.assumeTrue(target != null, "-Dbench.corpusDir not set");
        int clusters = Integer.getInteger("bench.clusters", 1000);
        int perCluster = Integer.getInteger("bench.objectsPerCluster", 100);
        long bytes = ClusterCorpus.write(Path.of(target).resolve("clusters"), clusters, perCluster);
        System.out.printf(
                Locale.ROOT,
                "ScaleBenchmark: wrote %d documents, %d bytes in %s%n",
                clusters * perCluster,
                bytes,
                target);
    }

    /**
     * The baseline for a single `mvn verify`: a plain single-threaded `composeAll` of the corpus in
     * {@code -Dbench.corpusDir}, once, in this fresh JVM, where SnakeYAML has not run yet, so it pays the
     * JIT's warm-up as a build does. src/bench/growing-repo.sh compares what the plugin adds to a build
     * with this.
     */
    @Test
    void coldComposeAll() throws IOException {
        String corpus = System.getProperty("bench.corpusDir");
        org.junit.jupiter.api.Assumptions.assumeTrue(corpus != null, "-Dbench.corpusDir not set");
        List<Path> files = ClusterCorpus.files(Path.of(corpus).resolve("clusters"));
        double seconds = composeAll(files);
        System.out.printf(
                Locale.ROOT,
                "ScaleBenchmark: cold composeAll of %d files: %d ms%n",
                files.size(),
                Math.round(seconds * 1000));
    }

    @Test
    void manifests() throws Exception {
        int clusters = Integer.getInteger("bench.clusters", 1000);
        int perCluster = Integer.getInteger("bench.objectsPerCluster", 100);
        Path dir = Files.createTempDirectory("workflow-guard-scale-");
        long bytes = ClusterCorpus.write(dir.resolve("clusters"), clusters, perCluster);
        int documents = clusters * perCluster;
        System.out.printf(
                Locale.ROOT,
                "ScaleBenchmark: %d clusters, %d documents, %.1f MB, %d cores%n",
                clusters,
                documents,
                bytes / 1e6,
                Runtime.getRuntime().availableProcessors());

        List<Path> files = ClusterCorpus.files(dir.resolve("clusters"));
        List<String> tenth = new ArrayList<>();
        for (int c = 0; c < Math.max(1, clusters / 10); c++) {
            tenth.add("clusters/cluster-" + c);
        }
        // Warm up both paths on the whole corpus (the JIT compiles the check's code and SnakeYAML's on two threads,
        // which takes longer than a tenth of the corpus), then alternate them so that both meet the same moments of
        // a noisy machine. Reported: each side's best round, their ratio, and the median of the rounds' ratios.
        int warmups = Integer.getInteger("bench.warmups", 2);
        for (int round = 0; round < warmups; round++) {
            composeAll(files);
            timedCheck(dir, List.of("clusters"));
        }
        int rounds = Integer.getInteger("bench.rounds", 5);
        double compose = Double.MAX_VALUE;
        Measured all = null;
        List<Double> composeRounds = new ArrayList<>();
        List<Double> checkRounds = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double composed = composeAll(files);
            Measured run = timedCheck(dir, List.of("clusters"));
            composeRounds.add(composed);
            checkRounds.add(run.seconds);
            ratios.add(composed / run.seconds);
            compose = Math.min(compose, composed);
            all = all == null || run.seconds < all.seconds ? run : all;
        }
        // Memory, untimed: the whole corpus and a tenth of it in the same JVM must keep about the same heap.
        all = all.retaining(retained(dir, List.of("clusters")));
        Measured part = timedCheck(dir, tenth).retaining(retained(dir, tenth));
        System.out.printf(
                Locale.ROOT,
                "ScaleBenchmark: composeAll (1 thread): %.2f s, %.0f documents/s, %.1f MB/s%n",
                compose,
                documents / compose,
                bytes / 1e6 / compose);
        System.out.printf(
                Locale.ROOT,
                "ScaleBenchmark: workflow:check      : %.2f s, %.0f documents/s, %.1f MB/s, "
                        + "%d findings, %.1f cores busy%n",
                all.seconds,
                documents / all.seconds,
                bytes / 1e6 / all.seconds,
                all.findings,
                all.cores);
        System.out.printf(
                Locale.ROOT,
                "ScaleBenchmark: rounds (s), after %d warm-up rounds: composeAll %s, check %s%n",
                warmups,
                seconds(composeRounds),
                seconds(checkRounds));
        System.out.printf(
                Locale.ROOT,
                "ScaleBenchmark: throughput ratio check / composeAll = %.2f (best rounds); "
                        + "median of the %d rounds' ratios %.2f%n",
                compose / all.seconds,
                rounds,
                median(ratios));
        System.out.printf(
                Locale.ROOT,
                "ScaleBenchmark: heap, %6d documents: peak %.0f MB, retained %.1f MB%n",
                tenth.size() * perCluster,
                part.peak / 1e6,
                part.live / 1e6);
        System.out.printf(
                Locale.ROOT,
                "ScaleBenchmark: heap, %6d documents: peak %.0f MB, retained %.1f MB%n",
                documents,
                all.peak / 1e6,
                all.live / 1e6);
        System.out.printf(
                Locale.ROOT,
                "ScaleBenchmark: heap ratio %dx documents: peak %.2f, retained %.2f%n",
                documents / Math.max(1, tenth.size() * perCluster),
                (double) all.peak / part.peak,
                (double) all.live / part.live);
    }

    private static String seconds(List<Double> rounds) {
        List<String> out = new ArrayList<>();
        for (double round : rounds) {
            out.add(String.format(Locale.ROOT, "%.2f", round));
        }
        return out.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** One timed check: its time, the peak of the heap pools, and the cores it kept busy. */
    private static Measured timedCheck(Path dir, List<String> manifests) throws Exception {
        resetPeaks();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        int findings = new Checker()
                .check(CheckRequest.builder(dir).manifests(manifests).build())
                .findings()
                .size();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cores = (processCpuNanos() - cpuStart) / 1e9 / seconds;
        return new Measured(seconds, peakHeap(), 0, findings, cores);
    }

    /** The heap one check keeps alive at most (see {@link LiveHeap}). */
    private static long retained(Path dir, List<String> manifests) throws Exception {
        return LiveHeap.peakRetained(
                () -> new Checker()
                        .check(CheckRequest.builder(dir).manifests(manifests).build()),
                20);
    }

    /** The time, peak heap, retained heap, findings, and the cores busy on average (JIT and GC included). */
    private record Measured(double seconds, long peak, long live, int findings, double cores) {
        Measured retaining(long bytes) {
            return new Measured(seconds, peak, bytes, findings, cores);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Merging and checking layered values files: the cost per megabyte must not grow with their number. */
    @Test
    void layeredValues() throws Exception {
        int[] counts = {250, 500, 1000};
        for (int round = 0; round < 2; round++) { // the first round warms up
            for (int count : counts) {
                Path dir = Files.createTempDirectory("workflow-guard-values-");
                List<String> names = new ArrayList<>();
                long bytes = 0;
                for (int i = 0; i < count; i++) {
                    String name = "values/layer-" + i + ".yaml";
                    String text = "# layer " + i + "\nglobal:\n  storage: s3\n  use_rbac: true\ncontroller:\n"
                            + "  registration_mode: admin_only\nteam" + i + ":\n  enabled: true\n  replicas: " + i
                            + "\n  annotations:\n    a: \"" + i
                            + "\"\n    b: \"x\"\nrouter:\n  deployment_annotations:\n"
                            + "    note-" + i + ": \"layer " + i + "\"\n";
                    Path file = dir.resolve(name);
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, text);
                    bytes += text.length();
                    names.add(name);
                }
                long start = System.nanoTime();
                CheckResult result = new Checker()
                        .check(CheckRequest.builder(dir)
                                .workflowVersion("2.19.0")
                                .values(names)
                                .build());
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round == 1) {
                    System.out.printf(
                            Locale.ROOT,
                            "ScaleBenchmark: %4d layered values files, %.2f MB: %.3f s, " + "%.3f s/MB, %d findings%n",
                            count,
                            bytes / 1e6,
                            seconds,
                            seconds / (bytes / 1e6),
                            result.findings().size());
                }
            }
        }
    }

    private static double composeAll(List<Path> files) throws IOException {
        long start = System.nanoTime();
        long nodes = 0;
        for (Path file : files) {
            LoaderOptions options = new LoaderOptions();
            Yaml yaml = new Yaml(new SafeConstructor(options));
            for (Node node : yaml.composeAll(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))) {
                if (node != null) {
                    nodes++;
                }
            }
        }
        if (nodes == 0) {
            throw new IllegalStateException("nothing composed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    static long peakHeap() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    /** Writes clusters/cluster-N/workflow.yaml, each a render of Workflow with extra apps' objects. */
    static final class ClusterCorpus {

        private ClusterCorpus() {}

        static long write(Path root, int clusters, int perCluster) throws IOException {
            String workflow = new String(
                    ScaleBenchmark.class
                            .getResourceAsStream("/fixtures/rendered-stock-2.19.yaml")
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            int workflowObjects = workflow.split("\n---\n").length;
            long bytes = 0;
            for (int c = 0; c < clusters; c++) {
                StringBuilder text = new StringBuilder(workflow);
                for (int i = workflowObjects; i < perCluster; i++) {
                    text.append(app(c, i));
                }
                Path file = root.resolve("cluster-" + c).resolve("workflow.yaml");
                Files.createDirectories(file.getParent());
                byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
                Files.write(file, content);
                bytes += content.length;
            }
            return bytes;
        }

        private static String app(int cluster, int i) {
            return switch (i % 4) {
                case 0 -> """
                        ---
                        # Source: apps/templates/deployment.yaml
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: app-%1$d
                          namespace: app-%1$d
                          labels: {app: app-%1$d, cluster: c%2$d}
                        spec:
                          replicas: 2
                          selector:
                            matchLabels: {app: app-%1$d}
                          template:
                            metadata:
                              labels: {app: app-%1$d}
                            spec:
                              containers:
                                - name: web
                                  image: registry.example.com/app-%1$d:v1.%2$d
                                  ports:
                                    - containerPort: 5000
                                  env:
                                    - name: PORT
                                      value: "5000"
                        """.formatted(i, cluster);
                case 1 -> """
                        ---
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: app-%1$d
                          namespace: app-%1$d
                        spec:
                          selector: {app: app-%1$d}
                          ports:
                            - port: 80
                              targetPort: 5000
                        """.formatted(i);
                case 2 -> """
                        ---
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: app-%1$d-config
                          namespace: app-%1$d
                        data:
                          LOG_LEVEL: info
                          FEATURES: "a,b,c"
                        """.formatted(i);
                default -> """
                        ---
                        apiVersion: v1
                        kind: ServiceAccount
                        metadata:
                          name: app-%1$d
                          namespace: app-%1$d
                        """.formatted(i);
            };
        }

        static List<Path> files(Path root) throws IOException {
            List<Path> files = new ArrayList<>();
            try (var walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
            return files;
        }
    }
}
