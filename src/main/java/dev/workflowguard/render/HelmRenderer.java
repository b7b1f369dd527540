package dev.workflowguard.render;

import dev.workflowguard.values.SetValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders a chart with Helm's own Go library, in-process (helm-java, from a {@link HelmLibrary}): no
 * helm binary, no network while rendering.
 * Renders are cached for the life of the JVM by everything that can change them (chart content,
 * values texts, `--set`, probes), so `check` and `fix` in one build, and the provenance probes of
 * one check, never render the same thing twice; with a {@link RenderCache}, across builds too.
 * Renders may run on several threads at once (each call loads the chart and builds its own Helm
 * action; BatchedProbesTest compares concurrent renders with the same renders made one by one).
 */
public final class HelmRenderer {

    /** The rendered stream and what it cost. */
    public record Rendered(String text, long millis, boolean cached) {}

    private static final int CACHE_SIZE = 256;
    private static final Map<String, String> CACHE = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHE_SIZE;
        }
    });
    /** A template Helm's message names: `template: f:L:C: executing …`, or `parse error at (f:L): …` for syntax. */
    private static final Pattern TEMPLATE_LOCATION =
            Pattern.compile("(?:template: |parse error at \\()([^:\\s()]+):(\\d+)(?::(\\d+))?");
    /** Helm CLI advice appended to render errors; there is no such flag here. */
    private static final Pattern CLI_ADVICE = Pattern.compile("\\s*Use --debug flag to render out invalid YAML\\s*$");

    /** Renders Helm made in this JVM, not counting those served from a cache (benchmarks and tests). */
    private static final AtomicLong MADE = new AtomicLong();

    private final HelmLibrary library;
    private final RenderCache disk;

    /** A renderer with helm-java on the class path (tests, embedders). */
    public HelmRenderer() {
        this(HelmLibrary.ON_CLASS_PATH);
    }

    public HelmRenderer(HelmLibrary library) {
        this(library, null);
    }

    /** A renderer that also keeps its renders in a cache on disk (null: in memory only). */
    public HelmRenderer(HelmLibrary library, RenderCache disk) {
        this.library = library;
        this.disk = disk;
    }

    public Rendered render(RenderRequest request) throws RenderException {
        String key = request.cacheKey();
        String cached = CACHE.get(key);
        String diskKey = disk == null ? null : disk.key(request);
        if (cached == null && diskKey != null) {
            cached = disk.read(diskKey);
            if (cached != null) {
                CACHE.put(key, cached);
            }
        }
        if (cached != null) {
            return new Rendered(cached, 0, true);
        }
        // Parsed before Helm is loaded: failing between loading it and calling it leaves helm-java's shutdown hook
        // to run against a closed plugin class realm, which prints a NoClassDefFoundError trace when Maven exits.
        List<Map.Entry<String, String>> sets;
        try {
            sets = SetValues.assignments(request.sets());
        } catch (SetValues.SetException e) {
            throw new RenderException(e.getMessage());
        }
        List<String[]> all = new ArrayList<>();
        for (Map.Entry<String, String> set : sets) {
            all.add(new String[] {set.getKey(), set.getValue()});
        }
        for (Map.Entry<String, String> probe : request.probes().entrySet()) {
            all.add(new String[] {probe.getKey(), probe.getValue()});
        }
        long start = System.nanoTime();
        MADE.incrementAndGet();
        String text;
        try {
            text = HelmBinding.template(
                    library,
                    request.chart().directory(),
                    request.releaseName(),
                    request.namespace(),
                    request.valuesFiles(),
                    all);
        } catch (HelmBinding.TemplateFailure e) {
            throw new RenderException(describe(request.chart(), e.getCause()));
        }
        if (text == null || text.isBlank()) {
            throw new RenderException(request.chart().displayRoot() + " renders nothing with these values; a chart "
                    + "that renders no objects cannot be checked");
        }
        CACHE.put(key, text);
        if (diskKey != null) {
            disk.write(diskKey, text);
        }
        return new Rendered(text, (System.nanoTime() - start) / 1_000_000, false);
    }

    /** Helm's message, with the template location it names rewritten to the chart's path in the project. */
    static String describe(Chart chart, Throwable error) {
        String message = error.getMessage() == null
                ? error.getClass().getSimpleName()
                : CLI_ADVICE.matcher(error.getMessage()).replaceFirst("").trim();
        if (error instanceof UnsatisfiedLinkError || error instanceof NoClassDefFoundError) {
            return "Helm could not be loaded in-process (" + message + "); the chart cannot be rendered on this "
                    + "platform";
        }
        Matcher at = TEMPLATE_LOCATION.matcher(message);
        String where = "";
        if (at.find()) {
            String template = at.group(1);
            String inChart = template.startsWith(chart.name() + "/")
                    ? template.substring(chart.name().length() + 1)
                    : template;
            where = chart.displayRoot() + "/" + inChart + ":" + at.group(2)
                    + (at.group(3) == null ? "" : ":" + at.group(3)) + ": ";
        }
        return where + chart.displayRoot() + " does not render: " + message.replaceAll("^Error: ", "");
    }

    /** How a values path is written as a `--set` key: dots, commas, equals and brackets in keys escaped. */
    public static String setKey(List<String> keys) {
        return keys.stream()
                .map(key -> key.replaceAll("([.,=\\[\\]\\\\])", "\\\\$1"))
                .collect(Collectors.joining("."));
    }

    /** How many renders Helm made in this JVM so far (a cached render is not made again). */
    public static long rendersMade() {
        return MADE.get();
    }

    /** Forgets every render kept in memory, as a new JVM starts (tests and benchmarks). */
    public static void clearMemoryCache() {
        CACHE.clear();
    }

    /** Forgets every cached render (tests). */
    static void clearCache() {
        clearMemoryCache();
    }
}
