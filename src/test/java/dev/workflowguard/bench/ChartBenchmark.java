package dev.workflowguard.bench;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.render.Chart;
import dev.workflowguard.render.ChartLoader;
import dev.workflowguard.render.HelmRenderer;
import dev.workflowguard.render.RenderCache;
import dev.workflowguard.render.RenderRequest;
import dev.workflowguard.testing.GeneratedUmbrella;
import dev.workflowguard.yaml.YamlLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What chart mode costs, in renders of the same chart measured in the same JVM: the generated
 * umbrella of {@link GeneratedUmbrella} (17 subcharts, about 60 objects, `include`, `tpl`, `toYaml`,
 * `default`, ranges over annotations), or any chart given with {@code -Dbench.chart=path}, checked
 * with a stock-like base and an overlay with mistakes in many components ({@code -Dbench.values=a,b}
 * for others). Prints the first render (Helm's native library loaded), the median of later renders
 * (the unit), then for each round a full check: renders made, the time of each stage (the render,
 * the rules with provenance's probes) and the ratio to one render; then the same check again with
 * the renders kept on disk (a later build with the same inputs).
 * Run: {@code ./mvnw -B -Pbench test -Dtest=ChartBenchmark} ({@code -Dbench.rounds=N}, default 5).
 */
class ChartBenchmark {

    @Test
    void chartMode() throws Exception {
        Path dir = Files.createTempDirectory("workflow-guard-chart-bench-");
        String configured = System.getProperty("bench.chart");
        Path chart = configured == null || configured.isBlank()
                ? GeneratedUmbrella.write(dir.resolve("charts/workflow"))
                : Path.of(configured).toAbsolutePath();
        List<String> values = new ArrayList<>();
        String given = System.getProperty("bench.values");
        if (given == null || given.isBlank()) {
            Files.writeString(dir.resolve("base.yaml"), GeneratedUmbrella.BASE);
            Files.writeString(dir.resolve("prod.yaml"), GeneratedUmbrella.MISTAKES);
            values.add(dir.resolve("base.yaml").toString());
            values.add(dir.resolve("prod.yaml").toString());
        } else {
            for (String file : given.split(",")) {
                values.add(Path.of(file.trim()).toAbsolutePath().toString());
            }
        }
        int rounds = Integer.getInteger("bench.rounds", 5);

        Chart loaded = new ChartLoader(YamlLimits.DEFAULTS).load(chart, "chart");
        HelmRenderer renderer = new HelmRenderer();
        long start = System.nanoTime();
        String first = renderer.render(request(loaded, "first")).text();
        long firstMillis = millis(start);
        List<Long> renders = new ArrayList<>();
        for (int i = 0; i < Math.max(5, rounds); i++) {
            start = System.nanoTime();
            renderer.render(request(loaded, "unit-" + i));
            renders.add(millis(start));
        }
        double unit = median(renders);
        System.out.printf(
                "ChartBenchmark: %s, %d objects rendered (%d chart files); first render %d ms, later renders %s ms, "
                        + "median %.0f ms (the unit below)%n",
                configured == null ? "generated umbrella" : chart,
                first.split("\n---").length,
                loaded.files(),
                firstMillis,
                renders,
                unit);

        List<Double> checkRatios = new ArrayList<>();
        List<Double> cachedRatios = new ArrayList<>();
        Path cache = dir.resolve("render-cache");
        for (int round = 1; round <= rounds; round++) {
            // A release name of its own: nothing of an earlier round is reused, in memory or on disk.
            String release = "bench-" + round;
            Stages stages = new Stages();
            long made = HelmRenderer.rendersMade();
            start = System.nanoTime();
            CheckResult result = new Checker(stages).check(check(dir, chart, values, release, cache));
            long total = millis(start);
            long renderCount = HelmRenderer.rendersMade() - made;
            checkRatios.add(total / unit);
            System.out.printf(
                    "ChartBenchmark: round %d: check %d ms = %.1f renders' time; %d renders made (1 + %d probes); "
                            + "stages %s; %d findings%n",
                    round,
                    total,
                    total / unit,
                    renderCount,
                    renderCount - 1,
                    stages.report(start),
                    result.findings().size());

            // The next build with the same inputs: a new JVM (no render in memory), the renders kept on disk.
            HelmRenderer.clearMemoryCache();
            made = HelmRenderer.rendersMade();
            start = System.nanoTime();
            CheckResult again = new Checker().check(check(dir, chart, values, release, cache));
            long cached = millis(start);
            cachedRatios.add(cached / unit);
            System.out.printf(
                    "ChartBenchmark: round %d: same check, renders kept on disk: %d ms = %.1f renders' time, %d renders "
                            + "made%n",
                    round, cached, cached / unit, HelmRenderer.rendersMade() - made);
            if (!describe(again).equals(describe(result))) {
                throw new AssertionError("the check from kept renders differs from the check that made them");
            }
        }
        System.out.printf(
                "ChartBenchmark: median check %.1f renders' time, from kept renders %.1f (rounds: %s / %s)%n",
                median(checkRatios), median(cachedRatios), format(checkRatios), format(cachedRatios));
    }

    private static List<String> describe(CheckResult result) {
        return result.findings().stream()
                .map(f -> f.rule() + " "
                        + f.places().stream()
                                .map(p -> p.location() + " " + p.valuesPath() + " " + p.message())
                                .toList())
                .toList();
    }

    private static CheckRequest check(Path dir, Path chart, List<String> values, String release, Path cache) {
        return CheckRequest.builder(dir)
                .chart(chart.toString())
                .values(values)
                .release(release, "deis")
                .renderCache(new RenderCache(cache, "bench"))
                .build();
    }

    private static RenderRequest request(Chart chart, String release) {
        return new RenderRequest(chart, release, "deis", List.of(), List.of(), List.of(), Map.of());
    }

    /** When each stage the check tells of began. */
    private static final class Stages implements Checker.Progress {
        private final Map<String, Long> began = new LinkedHashMap<>();

        @Override
        public void filesRead(int done, int total) {}

        @Override
        public synchronized void working(String doing) {
            String stage = doing == null
                    ? "done"
                    : doing.startsWith("rendering")
                            ? "render and reading it"
                            : doing.startsWith("tracing") ? "rules and provenance probes" : doing;
            began.putIfAbsent(stage, System.nanoTime());
        }

        /** Each stage's time, from the previous one's start (the first from the check's start). */
        synchronized String report(long start) {
            StringBuilder out = new StringBuilder();
            long previous = start;
            String name = "reading values";
            for (Map.Entry<String, Long> stage : began.entrySet()) {
                out.append(name)
                        .append(' ')
                        .append((stage.getValue() - previous) / 1_000_000)
                        .append(" ms, ");
                previous = stage.getValue();
                name = stage.getKey();
            }
            return out.append("reports not included").toString();
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static double median(List<? extends Number> values) {
        List<Double> sorted =
                new ArrayList<>(values.stream().map(Number::doubleValue).toList());
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values) {
        return String.join(
                " ", values.stream().map(v -> String.format("%.1f", v)).toList());
    }
}
