package dev.workflowguard.bench;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What rendering costs on a Workflow-sized umbrella: the test chart's subcharts plus generated
 * ones up to 17, rendered with Helm in-process. Prints the first render (native library load
 * included), a full check with provenance probes, and a repeated check (renders reused).
 * Run: {@code ./mvnw -B -Pbench test -Dtest=RenderBenchmark}.
 */
class RenderBenchmark {

    @Test
    void seventeenSubcharts() throws Exception {
        Path dir = Files.createTempDirectory("workflow-guard-bench-");
        Path chart = dir.resolve("charts/workflow");
        copy(Path.of("src", "test", "resources", "charts", "workflow"), chart);
        String[] extra = {
            "builder",
            "slugbuilder",
            "dockerbuilder",
            "database",
            "fluentd",
            "redis",
            "logger",
            "nsqd",
            "registry",
            "registry-proxy",
            "registry-token-refresher",
            "workflow-manager"
        };
        for (String name : extra) {
            Path sub = chart.resolve("charts").resolve(name);
            Files.createDirectories(sub.resolve("templates"));
            Files.writeString(sub.resolve("Chart.yaml"), "apiVersion: v1\nname: " + name + "\nversion: v2.19.4\n");
            Files.writeString(sub.resolve("values.yaml"), "org: deisci\ndocker_tag: v2.19.4\nreplicas: 1\n");
            Files.writeString(sub.resolve("templates/deployment.yaml"), """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: deis-%1$s
                    spec:
                      replicas: {{ .Values.replicas }}
                      template:
                        spec:
                          containers:
                            - name: deis-%1$s
                              image: quay.io/{{ .Values.org }}/%1$s:{{ .Values.docker_tag }}
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: deis-%1$s
                    spec:
                      ports: [{port: 80}]
                    """.formatted(name));
        }
        Files.writeString(dir.resolve("values.yaml"), "controller:\n  registration_mode: enabled\n");
        long subcharts;
        try (Stream<Path> list = Files.list(chart.resolve("charts"))) {
            subcharts = list.count() + 1; // grafana sits under monitor
        }
        CheckRequest request = CheckRequest.builder(dir)
                .chart("charts/workflow")
                .values("values.yaml")
                .build();

        long start = System.nanoTime();
        CheckResult first = new Checker().check(request);
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        CheckResult again = new Checker().check(request);
        long againMillis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf(
                "RenderBenchmark: %d subcharts, %d findings%n",
                subcharts, first.findings().size());
        first.notes().forEach(n -> System.out.println("RenderBenchmark: " + n));
        System.out.printf(
                "RenderBenchmark: first check (native Helm load, render, provenance probes): %d ms%n", firstMillis);
        System.out.printf("RenderBenchmark: second check in the same JVM (renders reused): %d ms%n", againMillis);
        if (again.findings().size() != first.findings().size()) {
            throw new AssertionError("the second check differs from the first");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }
}
