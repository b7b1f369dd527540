package dev.workflowguard.render;

import static java.util.stream.Collectors.toMap;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestReader;
import dev.workflowguard.manifests.ManifestSelection;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.rules.RenderProbe;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleInputs;
import dev.workflowguard.rules.Trace;
import dev.workflowguard.values.ChartDefault;
import dev.workflowguard.values.DefaultValues;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.SetValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlData;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Traces a finding on a freshly rendered object back to the values line that produced it. The
 * link is never guessed: a candidate values key is blamed only after rendering again with that
 * key changed and seeing the offending field change ({@link KeyProbes}: alone, or with other keys in
 * the same render when every difference it shows is one key's own sentinel, so that what each key
 * changed is told apart). Every question of every finding is asked at once, so they share their
 * renders. A place on the render is then moved to a
 * file of the project, where the fix belongs: the values line that set the key; else, when no
 * values file sets it, the last values file at the key's deepest existing parent (where
 * `workflow:fix` adds it); else, with no values files at all, the chart's own values.yaml line of
 * the key or its nearest parent. When no key controls the field (the router's hard-coded replica
 * count), the place points at the template line that writes it and says so. Nothing ever points
 * at the render itself, which exists only in memory.
 */
public final class Provenance implements RenderProbe {

    private static final String PROBE = "workflow-guard-probe";

    private final HelmRenderer renderer;
    private final RenderRequest request;
    private final ManifestSet rendered;
    private final SourceFile renderedFile;
    private final EffectiveValues values;
    private final DefaultValues defaults;
    private final YamlLoader loader;
    private final SourceReader reader;
    /** How each rule's places are traced, by rule id (as the rules declare it). */
    private final Map<String, Trace> traces;
    /** What the rules read of a render, for the probe renders. */
    private final ManifestSelection selection;

    /** The probe renders, shared by the rules' questions and the relocation after them. */
    private final KeyProbes probes;

    public Provenance(
            HelmRenderer renderer,
            RenderRequest request,
            ManifestSet rendered,
            SourceFile renderedFile,
            EffectiveValues values,
            DefaultValues defaults,
            YamlLoader loader,
            SourceReader reader,
            List<Rule> rules) {
        this(renderer, request, rendered, renderedFile, values, defaults, loader, reader, rules, probes -> {});
    }

    /** @param progress told how many probe renders were made, before each round of them */
    public Provenance(
            HelmRenderer renderer,
            RenderRequest request,
            ManifestSet rendered,
            SourceFile renderedFile,
            EffectiveValues values,
            DefaultValues defaults,
            YamlLoader loader,
            SourceReader reader,
            List<Rule> rules,
            IntConsumer progress) {
        this.renderer = renderer;
        this.request = request;
        this.rendered = rendered;
        this.renderedFile = renderedFile;
        this.values = values;
        this.defaults = defaults;
        this.loader = loader;
        this.reader = reader;
        this.traces =
                rules.stream().collect(toMap(Rule::id, rule -> rule.inputs().trace(), (first, same) -> first));
        this.selection = RuleInputs.selection(rules);
        this.probes = new KeyProbes(
                rendered, renderedFile.text(), new ProbeRenders(), this::currentText, this::needsFile, progress);
    }

    /**
     * The findings with every place on the render moved to the line that caused it. Places that land
     * on the same line become one: the place already there says, once per rendered object, what the
     * chart renders from it (a router that binds three host ports is one line, not three clauses).
     */
    public List<Finding> relocate(List<Finding> findings) {
        // Every question first, so that the probes of all findings share their renders.
        probes.answer(questions(findings));
        return traced(findings).stream().map(this::inProject).toList();
    }

    /**
     * The rules' findings, traced as {@link #relocate(List)} does, with as few rounds of probe renders as the
     * questions allow. The rules run first against a probe that only notes what they ask (answering no to
     * everything); their questions and those tracing what that run found go to the renders together, in one
     * round; the rules then run again, and are answered from those renders. Every answer is still a render's:
     * the first run only learns what to ask, and a question it did not foresee gets its own round as before.
     *
     * @param rules runs the rules with the probe given and returns what they found
     */
    public List<Finding> findAndRelocate(Function<RenderProbe, List<Finding>> rules) {
        QuestionsNoted noted = new QuestionsNoted();
        List<KeyProbes.Question> questions = new ArrayList<>();
        List<Finding> foreseen = rules.apply(noted);
        questions.addAll(noted.asked);
        questions.addAll(questions(foreseen));
        probes.answer(questions);
        return relocate(rules.apply(this));
    }

    /** A probe that notes each question in the probes' terms and answers no: what the rules will ask. */
    private final class QuestionsNoted implements RenderProbe {
        private final List<KeyProbes.Question> asked = new ArrayList<>();

        @Override
        public boolean controls(ValuesPath key, KubeObject object, List<Object> field) {
            asked.add(probeQuestion(key, object, field));
            return false;
        }

        @Override
        public List<Boolean> controlsEach(List<Question> questions) {
            return questions.stream()
                    .map(question -> controls(question.key(), question.object(), question.field()))
                    .toList();
        }

        @Override
        public ValuesPath firstControlling(List<ValuesPath> keys, KubeObject object, List<Object> field) {
            keys.forEach(key -> controls(key, object, field));
            return null;
        }
    }

    /** What tracing the findings asks: each candidate key of each place on the render, with its field. */
    private List<KeyProbes.Question> questions(List<Finding> findings) {
        List<KeyProbes.Question> questions = new ArrayList<>();
        for (Finding finding : findings) {
            for (Place place : finding.places()) {
                if (place.location().file() != renderedFile) {
                    continue;
                }
                Trace how = traces.getOrDefault(finding.rule(), Trace.NONE);
                Field field =
                        field(how, object(place.object()), place.location().position());
                if (field != null) {
                    how.candidates(finding.cause())
                            .forEach(key -> questions.add(new KeyProbes.Question(key, field.id(), field.read())));
                }
            }
        }
        return questions;
    }

    /** The finding with its places inside a packed chart shown at the archive. */
    private Finding inProject(Finding finding) {
        List<Place> places = finding.places().stream().map(this::inProject).toList();
        return places.equals(finding.places()) ? finding : withPlaces(finding, places);
    }

    private static Finding withPlaces(Finding finding, List<Place> places) {
        return new Finding(
                finding.rule(), finding.severity(), finding.cause(), places, finding.fix(), finding.manifestFixes());
    }

    /**
     * A place in a file that exists only inside a packed chart (`workflow.tgz!/workflow/values.yaml`) is shown at
     * the archive, the file of the project that holds it; the message then says where inside.
     */
    private Place inProject(Place place) {
        Chart chart = request.chart();
        Location at = place.location();
        if (!chart.isPacked(at.file().path())) {
            return place;
        }
        Chart.Archive archive = chart.archive();
        SourceFile file = new SourceFile(archive.file(), archive.displayName(), "", StandardCharsets.UTF_8, false);
        // A message that already names that line inside (a chart default's) is not told it again.
        String message = place.message().contains(at.fileName() + ":" + at.line())
                ? place.message()
                : place.message() + " (in the archive at " + at + ")";
        return new Place(new Location(file, TextPosition.START), message, place.valuesPath(), place.object());
    }

    private List<Finding> traced(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            if (finding.places().stream().noneMatch(this::misplaced)) {
                out.add(finding);
                continue;
            }
            List<Place> places = new ArrayList<>();
            // Per place kept: the rendered objects (and their templates) its message already names.
            List<Set<String>> named = new ArrayList<>();
            for (Place place : finding.places()) {
                if (place.location().file() != renderedFile) {
                    Place kept = misplaced(place)
                            ? new Place(
                                    chartLocation(ValuesPath.parse(place.valuesPath()), null, null),
                                    place.message(),
                                    place.valuesPath(),
                                    place.object())
                            : place;
                    places.add(kept);
                    named.add(new HashSet<>());
                    continue;
                }
                Place moved = trace(finding, place);
                String origin = place.object() + " by " + template(place);
                int same = indexAt(places, moved.location());
                if (same < 0) {
                    places.add(moved);
                    named.add(new HashSet<>(Set.of(origin)));
                } else if (named.get(same).add(origin)) {
                    // The line already shows it: say there what the chart renders from it.
                    // It keeps naming the object, so that a suppression annotated on the object still covers it.
                    Place existing = places.get(same);
                    places.set(
                            same,
                            new Place(
                                    existing.location(),
                                    existing.message() + " (rendered into " + origin + ")",
                                    existing.valuesPath(),
                                    existing.object() != null ? existing.object() : place.object()));
                }
            }
            out.add(withPlaces(finding, places));
        }
        return out;
    }

    /**
     * True for a place that is not in a file of the project: on the render, or, with no values files
     * at all, a values place at `--set` that is not a value `--set` gives (a key set nowhere, which a
     * rule points at where it would be added, at best a `--set` pair that sets a sibling).
     */
    private boolean misplaced(Place place) {
        if (place.location().file() == renderedFile) {
            return true;
        }
        if (hasValuesFiles()
                || place.valuesPath() == null
                || !place.location().fileName().equals(SetValues.DISPLAY_NAME)
                || values == null) {
            return false;
        }
        Value value = values.get(ValuesPath.parse(place.valuesPath()));
        return value.entry() == null
                || !value.entry().file().displayName().equals(SetValues.DISPLAY_NAME)
                || value.entry().value() instanceof YamlMap;
    }

    /** True when at least one values file (not only `--set`) is configured: keys set nowhere go there. */
    private boolean hasValuesFiles() {
        return values != null
                && values.sources().stream()
                        .anyMatch(s -> !s.file().displayName().equals(SetValues.DISPLAY_NAME));
    }

    private static int indexAt(List<Place> places, Location location) {
        for (int i = 0; i < places.size(); i++) {
            Location other = places.get(i).location();
            if (other.fileName().equals(location.fileName()) && other.line() == location.line()) {
                return i;
            }
        }
        return -1;
    }

    private Place trace(Finding finding, Place place) {
        KubeObject object = object(place.object());
        String from = template(place);
        Trace how = traces.getOrDefault(finding.rule(), Trace.NONE);
        Field field = field(how, object, place.location().position());
        for (ValuesPath candidate : how.candidates(finding.cause())) {
            if (field != null && controls(candidate, field)) {
                return blame(place, candidate, from);
            }
        }
        Location at = templateLocation(object, place.location().position());
        return new Place(
                at,
                place.message() + " (rendered from " + from + ", where no values key controls this field)",
                null,
                place.object());
    }

    /** Moves a place to the values line of the key that was shown to control it. */
    private Place blame(Place place, ValuesPath key, String from) {
        Value value = values == null ? null : values.get(key);
        Location at;
        String by;
        if (value != null && value.entry() != null) {
            at = values.locate(value);
            by = "set by " + key + " at " + at;
        } else {
            ChartDefault chartDefault = defaults.lookup(key).orElse(null);
            by = chartDefault != null && chartDefault.location() != null
                    ? key + " is not set in the values files: chart default in "
                            + chartDefault.location().fileName() + ":"
                            + chartDefault.location().line()
                    : key + " is set nowhere, so the template's own default applies";
            at = hasValuesFiles()
                    ? values.locateAbsent(key)
                    : chartLocation(
                            key, object(place.object()), place.location().position());
        }
        return new Place(
                at, place.message() + " (rendered from " + from + "; " + by + ")", key.toString(), place.object());
    }

    /**
     * Where the chart itself sets a key: its default's line, else the line of its nearest parent in the
     * chart's values, else the template line that renders the object (with no object: the chart's own
     * values.yaml or Chart.yaml).
     */
    private Location chartLocation(ValuesPath key, KubeObject object, TextPosition at) {
        Optional<Location> own = defaults.lookup(key).map(ChartDefault::location);
        if (own.isPresent()) {
            return own.get();
        }
        Optional<Location> parent = defaults.nearest(key);
        if (parent.isPresent()) {
            return parent.get();
        }
        return object == null ? chartFile() : templateLocation(object, at);
    }

    /** True when the object is one of the fresh render's (not a committed one). */
    public boolean isRendered(KubeObject object) {
        return rendered.objects().stream().anyMatch(candidate -> candidate == object);
    }

    /**
     * Where an annotation of a rendered object comes from, as a file of the project: the values line
     * of a key of that name, when rendering again with it changed changes the annotation (a
     * `workflow-guard.dev/ignore.*` annotation given through `router.deployment_annotations`); else
     * the template line that writes it.
     */
    public Location annotationSource(KubeObject object, Location at) {
        if (at.file() != renderedFile) {
            return at;
        }
        List<Object> path = pathAt(object.root(), at.position(), new ArrayList<>());
        if (path != null
                && path.size() == 3
                && path.get(0).equals("metadata")
                && path.get(1).equals("annotations")
                && values != null) {
            String annotation = (String) path.get(2);
            List<ValuesPath> named = new ArrayList<>();
            keysNamed(values.merged(), new ArrayList<>(), annotation, named);
            ValuesPath key = firstControlling(named, object, path);
            if (key != null) {
                return values.locate(values.get(key));
            }
        }
        return templateLocation(object, at.position());
    }

    /** Every values path whose last key is the name, below a mapping. */
    private static void keysNamed(YamlMap map, List<String> prefix, String name, List<ValuesPath> into) {
        for (YamlEntry entry : map.entries()) {
            List<String> keys = new ArrayList<>(prefix);
            keys.add(entry.name());
            if (entry.name().equals(name)) {
                into.add(new ValuesPath(keys));
            } else if (entry.value() instanceof YamlMap next) {
                keysNamed(next, keys, name, into);
            }
        }
    }

    @Override
    public boolean controls(ValuesPath key, KubeObject object, List<Object> path) {
        return firstControlling(List.of(key), object, path) != null;
    }

    @Override
    public List<Boolean> controlsEach(List<Question> questions) {
        return probes.answer(questions.stream()
                .map(question -> probeQuestion(question.key(), question.object(), question.field()))
                .toList());
    }

    /** A question about the field at the path of the object, in the probes' terms. */
    private KeyProbes.Question probeQuestion(ValuesPath key, KubeObject object, List<Object> path) {
        String kind = object.kind();
        String name = object.name();
        Function<ManifestSet, Object> read = set -> find(set, kind, name)
                .map(o -> YamlData.of(nodeAt(o.root(), path)))
                .orElse(null);
        return new KeyProbes.Question(key, "path " + object.ref() + " " + path, read);
    }

    @Override
    public ValuesPath firstControlling(List<ValuesPath> keys, KubeObject object, List<Object> path) {
        List<KeyProbes.Question> questions =
                keys.stream().map(key -> probeQuestion(key, object, path)).toList();
        List<Boolean> answers = probes.answer(questions);
        for (int i = 0; i < keys.size(); i++) {
            if (answers.get(i)) {
                return keys.get(i);
            }
        }
        return null;
    }

    /** How many probe renders run at once. */
    public static int threads() {
        return KeyProbes.THREADS;
    }

    /** How many probe renders provenance asked for so far (renders served from a cache included). */
    public int probeRenders() {
        return probes.rendersMade();
    }

    /**
     * The renders of probes: a batch of keys at their sentinels, or one key as it was always probed. They render
     * the chart as {@link ProbeChart} gives it, without the slow private keys no probe can compare.
     */
    private final class ProbeRenders implements KeyProbes.Renders {

        private RenderRequest probeRequest;

        /** The user's request, on the chart probes render (copied once, when the first probe renders). */
        private synchronized RenderRequest request() {
            if (probeRequest == null) {
                probeRequest = request.withChart(ProbeChart.of(request.chart()));
            }
            return probeRequest;
        }

        @Override
        public KeyProbes.Rendered render(Map<String, String> sets, String file) throws RenderException, YamlException {
            RenderRequest probe = request().withProbes(sets);
            if (file == null) {
                String text = renderer.render(probe).text();
                return new KeyProbes.Rendered(read(text), text);
            }
            return KeyProbes.ProbeFile.withFile(file, path -> {
                String text = renderer.render(probe.withProbeFile(path, file)).text();
                return new KeyProbes.Rendered(read(text), text);
            });
        }

        @Override
        public Optional<ManifestSet> single(ValuesPath key) {
            String current = currentText(key);
            String probeValue = "true".equals(current)
                    ? "false"
                    : "false".equals(current) ? "true" : KeyProbes.isCount(key) ? "7" : PROBE;
            String setKey = HelmRenderer.setKey(key.keys());
            try {
                return Optional.of(read(
                        renderer.render(request().withProbe(setKey, probeValue)).text()));
            } catch (RenderException e) {
                // Helm's --set cannot write below a key a values file leaves null (`deployment_annotations:` with
                // only comments under it, as the stock values ship it): probe with a values file after the user's.
                try {
                    String file = KeyProbes.ProbeFile.json(Map.of(key, probeValue));
                    return Optional.of(KeyProbes.ProbeFile.withFile(
                            file,
                            path -> read(renderer.render(request().withProbeFile(path, file))
                                    .text())));
                } catch (RenderException | YamlException | UncheckedIOException again) {
                    // A probe that breaks the chart shows nothing either way: the key is not blamed.
                    return Optional.empty();
                }
            } catch (YamlException e) {
                // A probe that breaks the chart shows nothing either way: the key is not blamed.
                return Optional.empty();
            }
        }
    }

    /**
     * True when `--set` cannot write the key: a values file leaves one of its parents null or a value
     * that is not a mapping (Helm then fails to parse the `--set`), so it is probed in a values file.
     */
    private boolean needsFile(ValuesPath key) {
        if (values == null) {
            return false;
        }
        YamlNode at = values.merged();
        for (String step : key.keys().subList(0, key.size() - 1)) {
            if (!(at instanceof YamlMap map)) {
                return true;
            }
            if (!map.containsKey(step)) {
                return false; // --set adds the missing mappings
            }
            at = map.get(step);
        }
        return !(at instanceof YamlMap);
    }

    private ManifestSet read(String text) throws YamlException {
        SourceFile file =
                new SourceFile(renderedFile.path(), renderedFile.displayName(), text, renderedFile.charset(), false);
        return new ManifestReader(loader, selection).read(List.of(file));
    }

    private String currentText(ValuesPath key) {
        if (values != null) {
            String text = values.get(key).text();
            if (text != null) {
                return text;
            }
        }
        return defaults.lookup(key).map(ChartDefault::value).orElse(null);
    }

    /**
     * How to read, in any render, what a rule saw: the evidence or the field of the object its trace
     * compares, else the field the place points at; null when it cannot be told.
     */
    private Field field(Trace how, KubeObject object, TextPosition at) {
        if (object == null) {
            return null;
        }
        if (how.evidence() != null) {
            return new Field(
                    "evidence " + how.evidence().name(), set -> how.evidence().shownIn(set));
        }
        String kind = object.kind();
        String name = object.name();
        if (how.field() != null) {
            List<List<Object>> paths = how.field().paths().stream()
                    .map(path -> List.<Object>of((Object[]) path.split("\\.")))
                    .toList();
            return new Field(
                    "fields " + object.ref() + " " + paths,
                    set -> find(set, kind, name)
                            .map(o -> paths.stream()
                                    .map(path -> YamlData.of(nodeAt(o.root(), path)))
                                    .toList())
                            .orElse(null));
        }
        List<Object> path = pathAt(object.root(), at, new ArrayList<>());
        if (path == null || path.equals(List.of("metadata", "name"))) {
            return new Field(
                    "exists " + object.ref(), set -> find(set, kind, name).isPresent());
        }
        return new Field(
                "path " + object.ref() + " " + path,
                set -> find(set, kind, name)
                        .map(o -> YamlData.of(nodeAt(o.root(), path)))
                        .orElse(null));
    }

    /** What to compare between renders, and a name for it that is equal for the same comparison. */
    private record Field(String id, Function<ManifestSet, Object> read) {}

    /** True when rendering with the key changed alone changes the field. */
    private boolean controls(ValuesPath key, Field field) {
        return probes.answer(List.of(new KeyProbes.Question(key, field.id(), field.read())))
                .get(0);
    }

    private static Optional<KubeObject> find(ManifestSet set, String kind, String name) {
        return Optional.ofNullable(set.first(kind, name));
    }

    private KubeObject object(String ref) {
        return rendered.objects().stream()
                .filter(o -> o.ref().equals(ref))
                .findFirst()
                .orElse(null);
    }

    /** The path, within an object, of the entry shown at a position. */
    private static List<Object> pathAt(YamlNode node, TextPosition at, List<Object> prefix) {
        if (node instanceof YamlMap map) {
            for (YamlEntry entry : map.entries()) {
                List<Object> path = new ArrayList<>(prefix);
                path.add(entry.name());
                if (entry.valuePosition().equals(at) || entry.key().start().equals(at)) {
                    return path;
                }
                List<Object> deeper = pathAt(entry.value(), at, path);
                if (deeper != null) {
                    return deeper;
                }
            }
        } else if (node instanceof YamlList list) {
            for (int i = 0; i < list.items().size(); i++) {
                List<Object> path = new ArrayList<>(prefix);
                path.add(i);
                List<Object> deeper = pathAt(list.items().get(i), at, path);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    private static YamlNode nodeAt(YamlNode node, List<Object> path) {
        YamlNode current = node;
        for (Object step : path) {
            if (step instanceof Integer index
                    && current instanceof YamlList list
                    && index < list.items().size()) {
                current = list.items().get(index);
            } else if (step instanceof String key && current instanceof YamlMap map) {
                current = map.get(key);
            } else {
                return null;
            }
        }
        return current;
    }

    /** The template an object was rendered from, as a path in the project. */
    private String template(Place place) {
        String source = source(object(place.object()), place.location().position());
        return source == null ? request.chart().displayRoot() : templateDisplay(source);
    }

    /**
     * The template that rendered an object, from its `# Source:` comment; for a place that belongs to
     * no object (a repeated key in a document that is not one), the last such comment above it.
     */
    private String source(KubeObject object, TextPosition at) {
        if (object != null && object.sourceTemplate() != null) {
            return object.sourceTemplate();
        }
        String found = null;
        String[] lines = renderedFile.text().split("\n", -1);
        for (int i = 0; i < lines.length && i < at.line(); i++) {
            String line = lines[i].strip();
            if (line.startsWith("# Source: ")) {
                found = line.substring("# Source: ".length()).strip();
            }
        }
        return found;
    }

    private String templateDisplay(String source) {
        return request.chart().displayRoot() + "/" + inChart(source);
    }

    /** A `# Source:` path (`workflow/charts/router/templates/x.yaml`) relative to the chart folder. */
    private String inChart(String source) {
        Chart chart = request.chart();
        return source.startsWith(chart.name() + "/")
                ? source.substring(chart.name().length() + 1)
                : source;
    }

    /**
     * The template's line that writes the field (found by its key), or the template's first line; the
     * chart's own values file when the template is not a file of the chart (a subchart packed as a .tgz).
     */
    private Location templateLocation(KubeObject object, TextPosition at) {
        String source = source(object, at);
        if (source == null) {
            return chartFile();
        }
        Path file = request.chart().directory().resolve(inChart(source)).normalize();
        if (!file.startsWith(request.chart().directory()) || !Files.isRegularFile(file)) {
            return chartFile();
        }
        try {
            SourceFile template = reader.read(file, templateDisplay(source));
            List<Object> path = object == null ? null : pathAt(object.root(), at, new ArrayList<>());
            String key = path == null || path.isEmpty() ? null : String.valueOf(path.get(path.size() - 1));
            int line = 1;
            int column = 1;
            int offset = 0;
            if (key != null) {
                String[] lines = template.text().split("\n", -1);
                int lineStart = 0;
                for (int i = 0; i < lines.length; i++) {
                    if (lines[i].trim().startsWith(key + ":")) {
                        line = i + 1;
                        column = lines[i].indexOf(key) + 1; // at the key, as every other location points
                        offset = lineStart + column - 1;
                        break;
                    }
                    lineStart += lines[i].length() + 1;
                }
            }
            return new Location(template, new TextPosition(line, column, offset));
        } catch (YamlException e) {
            return chartFile();
        }
    }

    /** The last resort, still a file of the project: the chart's values.yaml, else its Chart.yaml, at the top. */
    private Location chartFile() {
        Chart chart = request.chart();
        for (String name : List.of("values.yaml", "Chart.yaml")) {
            Path file = chart.directory().resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return new Location(reader.read(file, chart.display(file)), TextPosition.START);
                } catch (YamlException e) {
                    // Chart.yaml was read when the chart was loaded; try it next.
                }
            }
        }
        // Unreachable for a loaded chart (Chart.yaml exists and was read), but never the render.
        Path chartYaml = chart.directory().resolve("Chart.yaml");
        return new Location(
                new SourceFile(chartYaml, chart.display(chartYaml), "", StandardCharsets.UTF_8, false),
                TextPosition.START);
    }
}
