package dev.workflowguard.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chart as provenance's probe renders see it: the same chart, except that the private keys its
 * templates generate with `genPrivateKey "rsa"` or `genPrivateKey "dsa"` are generated as ECDSA keys.
 * Helm makes such keys anew in every render (RSA with 4096 bits, DSA with fresh parameters), and that
 * is most of a render of the Workflow 2.x umbrella chart: the builder's SSH host keys take 0.6-2 s of
 * each render of Deis v2.11.0, which renders in about 15 ms without them (docs/benchmarks.md). A key
 * generated at render time is random in every render, so no probe can compare it: a probe reads the
 * same fields of the same objects whichever kind of key fills it; where the keys are hooks, as in
 * every Workflow release, the rendered text does not change at all. The render the rules read is
 * always made from the chart as it is.
 *
 * <p>Subcharts packed as `.tgz` are unpacked in the copy, so that their templates are rewritten too.
 * A chart without such keys is probed as it is; a chart that cannot be copied is too (probes are
 * then only slower).
 */
final class ProbeChart {

    private static final Pattern SLOW_KEY = Pattern.compile("genPrivateKey\\s+\"(?:rsa|dsa)\"");
    private static final String FAST_KEY = "genPrivateKey \"ecdsa\"";

    /** Per chart content: the chart its probes render, made once per JVM (the goals of a build share it). */
    private static final Map<String, Chart> PROBED = new ConcurrentHashMap<>();

    private ProbeChart() {}

    /** The chart probes render in place of this one: a rewritten copy, or the chart itself. */
    static Chart of(Chart chart) {
        Chart known = PROBED.get(chart.fingerprint());
        if (known != null && Files.isDirectory(known.directory())) {
            return known;
        }
        Chart probed = copied(chart);
        PROBED.put(chart.fingerprint(), probed);
        return probed;
    }

    private static Chart copied(Chart chart) {
        Path copy = null;
        try {
            if (!mayGenerateKeys(chart.directory())) {
                return chart;
            }
            copy = Files.createTempDirectory("workflow-guard-probe-chart-");
            Path root = copy.resolve(chart.directory().getFileName().toString());
            copyTree(chart.directory(), root);
            unpackSubcharts(root, chart.displayRoot());
            if (!rewrite(root)) {
                delete(copy);
                return chart;
            }
            ChartLoader.deleteOnExit(copy);
            return new Chart(
                    root,
                    chart.displayRoot(),
                    chart.name(),
                    chart.version(),
                    chart.fingerprint() + "+ecdsa-keys",
                    chart.files(),
                    chart.archive());
        } catch (IOException | UncheckedIOException | RenderException e) {
            if (copy != null) {
                delete(copy);
            }
            return chart;
        }
    }

    /** True when a template generates a slow key, or a packed subchart may hold one. */
    private static boolean mayGenerateKeys(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> isPackedSubchart(file) || generatesKeys(file));
        }
    }

    private static boolean isPackedSubchart(Path file) {
        String name = file.getFileName().toString();
        Path parent = file.getParent();
        return name.endsWith(".tgz")
                && parent != null
                && parent.getFileName().toString().equals("charts");
    }

    private static boolean generatesKeys(Path file) {
        if (!isTemplate(file)) {
            return false;
        }
        try {
            return SLOW_KEY.matcher(Files.readString(file, StandardCharsets.UTF_8))
                    .find();
        } catch (IOException e) {
            return false; // not text Helm could render either
        }
    }

    /** A file below a chart's `templates/` folder: what Helm renders. */
    private static boolean isTemplate(Path file) {
        for (Path part = file.getParent(); part != null; part = part.getParent()) {
            if (part.getFileName() != null && part.getFileName().toString().equals("templates")) {
                return true;
            }
        }
        return false;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    /** Replaces each `charts/<name>.tgz` below the root with the chart folder it holds, at any depth. */
    private static void unpackSubcharts(Path root, String shown) throws IOException, RenderException {
        List<Path> packed;
        try (Stream<Path> files = Files.walk(root)) {
            packed = files.filter(Files::isRegularFile)
                    .filter(ProbeChart::isPackedSubchart)
                    .toList();
        }
        for (Path archive : packed) {
            Path unpacked = Files.createTempDirectory(archive.getParent(), ".unpacking-");
            TarGz.extract(archive, shown + "/" + root.relativize(archive), unpacked);
            List<Path> charts;
            try (Stream<Path> children = Files.list(unpacked)) {
                charts = children.filter(child -> Files.isRegularFile(child.resolve("Chart.yaml")))
                        .toList();
            }
            if (charts.size() != 1) {
                throw new RenderException(archive + " does not hold exactly one chart");
            }
            String name = archive.getFileName().toString();
            Path folder = archive.resolveSibling(name.substring(0, name.length() - ".tgz".length()));
            if (Files.exists(folder)) {
                throw new RenderException(folder + " exists beside " + archive);
            }
            Files.move(charts.get(0), folder);
            delete(unpacked);
            Files.delete(archive);
            unpackSubcharts(folder, shown);
        }
    }

    /** Rewrites the slow keys of every template below the root; true when there was one. */
    private static boolean rewrite(Path root) throws IOException {
        boolean rewritten = false;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (generatesKeys(file)) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    Files.writeString(file, SLOW_KEY.matcher(text).replaceAll(FAST_KEY), StandardCharsets.UTF_8);
                    rewritten = true;
                }
            }
        }
        return rewritten;
    }

    private static void delete(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder the OS cleans up anyway
        }
    }
}
