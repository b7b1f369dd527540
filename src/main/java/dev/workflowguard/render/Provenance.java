package dev.workflowguard.render;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestReader;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.values.ChartDefault;
import dev.workflowguard.values.DefaultValues;
import dev.workflowguard.values.EffectiveValues;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Traces a finding on a freshly rendered object back to the values line that produced it. The
 * link is never guessed: a candidate values key is blamed only after rendering again with that
 * one key changed and seeing the offending field change. A place on the render is then moved to
 * the values file and line that set the key (or the chart's own values.yaml line when a chart
 * default applies); when no key controls the field (the router's hard-coded replica count), the
 * place points at the template and says so.
 */
public final class Provenance {

    /** The rules whose rendered field is the router Deployment's annotations as a whole. */
    private static final List<String> ANNOTATION_RULES = List.of("tls-not-enforced", "tls-legacy-protocols",
            "no-ip-whitelist");
    private static final String PROBE = "workflow-guard-probe";

    private final HelmRenderer renderer;
    private final RenderRequest request;
    private final ManifestSet rendered;
    private final SourceFile renderedFile;
    private final EffectiveValues values;
    private final DefaultValues defaults;
    private final YamlLoader loader;
    private final SourceReader reader;
    private final Map<String, Optional<ManifestSet>> probeRenders = new HashMap<>();

    public Provenance(HelmRenderer renderer, RenderRequest request, ManifestSet rendered, SourceFile renderedFile,
            EffectiveValues values, DefaultValues defaults, YamlLoader loader, SourceReader reader) {
        this.renderer = renderer;
        this.request = request;
        this.rendered = rendered;
        this.renderedFile = renderedFile;
        this.values = values;
        this.defaults = defaults;
        this.loader = loader;
        this.reader = reader;
    }

    /** The findings with every place on the render moved to the line that caused it. */
    public List<Finding> relocate(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            if (finding.places().stream().noneMatch(p -> p.location().file() == renderedFile)) {
                out.add(finding);
                continue;
            }
            List<Place> places = new ArrayList<>();
            for (Place place : finding.places()) {
                if (place.location().file() != renderedFile) {
                    places.add(place);
                    continue;
                }
                Place moved = trace(finding, place);
                int same = indexAt(places, moved.location());
                if (same >= 0) {
                    // The values line already shows it: say there what the chart renders from it.
                    Place existing = places.get(same);
                    places.set(same, new Place(existing.location(), existing.message() + " (rendered into "
                            + place.object() + " by " + template(place) + ")", existing.valuesPath(), existing.object()));
                } else {
                    places.add(moved);
                }
            }
            out.add(new Finding(finding.rule(), finding.severity(), finding.cause(), places, finding.fix(),
                    finding.manifestFixes()));
        }
        return out;
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
        Function<ManifestSet, Object> field = field(finding.rule(), object, place.location().position());
        for (ValuesPath candidate : candidates(finding)) {
            if (field != null && controls(candidate, field)) {
                return blame(place, candidate, from);
            }
        }
        Location at = templateLocation(object, place.location().position());
        return new Place(at, place.message() + " (rendered from " + from + ", where no values key controls this field)",
                null, place.object());
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
            if (chartDefault != null && chartDefault.location() != null) {
                at = chartDefault.location();
                by = key + " is not set in the values files: chart default in " + at.fileName() + ":" + at.line();
            } else {
                at = values != null ? values.locateAbsent(key) : place.location();
                by = key + " is set nowhere, so the template's own default applies";
            }
        }
        return new Place(at, place.message() + " (rendered from " + from + "; " + by + ")", key.toString(),
                place.object());
    }

    /** True when rendering with the key changed changes the field. */
    private boolean controls(ValuesPath key, Function<ManifestSet, Object> field) {
        Optional<ManifestSet> probed = probe(key);
        return probed.isPresent() && !Objects.equals(field.apply(rendered), field.apply(probed.get()));
    }

    private Optional<ManifestSet> probe(ValuesPath key) {
        String current = currentText(key);
        String probeValue = "true".equals(current) ? "false" : "false".equals(current) ? "true"
                : key.last().startsWith("replica") ? "7" : PROBE;
        String setKey = HelmRenderer.setKey(key.keys());
        return probeRenders.computeIfAbsent(setKey + "=" + probeValue, k -> {
            try {
                return Optional.of(read(renderer.render(request.withProbe(setKey, probeValue)).text()));
            } catch (RenderException e) {
                // Helm's --set cannot write below a key a values file leaves null (`deployment_annotations:` with
                // only comments under it, as the stock values ship it): probe with a values file after the user's.
                return probeWithFile(key, probeValue);
            } catch (YamlException e) {
                // A probe that breaks the chart shows nothing either way: the key is not blamed.
                return Optional.empty();
            }
        });
    }

    private Optional<ManifestSet> probeWithFile(ValuesPath key, String probeValue) {
        StringBuilder json = new StringBuilder();
        for (String step : key.keys()) {
            json.append('{').append(jsonString(step)).append(": ");
        }
        json.append(probeValue.equals("true") || probeValue.equals("false") || probeValue.matches("[1-9][0-9]*")
                ? probeValue : jsonString(probeValue));
        json.append("}".repeat(key.keys().size())).append('\n');
        try {
            Path file = Files.createTempFile("workflow-guard-probe-", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, json, StandardCharsets.UTF_8);
            try {
                return Optional.of(read(renderer.render(request.withProbeFile(file, json.toString())).text()));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RenderException | YamlException e) {
            // A probe that breaks the chart shows nothing either way: the key is not blamed.
            return Optional.empty();
        }
    }

    private ManifestSet read(String text) throws YamlException {
        SourceFile file = new SourceFile(renderedFile.path(), renderedFile.displayName(), text,
                renderedFile.charset(), false);
        return new ManifestReader(loader).read(List.of(file));
    }

    private static String jsonString(String text) {
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

    private String currentText(ValuesPath key) {
        if (values != null) {
            String text = values.get(key).text();
            if (text != null) {
                return text;
            }
        }
        return defaults.lookup(key).map(ChartDefault::value).orElse(null);
    }

    /** The values keys that may produce what a rule saw in the render. */
    static List<ValuesPath> candidates(Finding finding) {
        ValuesPath annotations = ValuesPath.parse("router.deployment_annotations");
        return switch (finding.rule()) {
            case "minio-storage" -> List.of(ValuesPath.parse("global.storage"));
            case "storage-placeholder" -> List.of(ValuesPath.parse(finding.cause()));
            case "open-registration" -> List.of(ValuesPath.parse("controller.registration_mode"));
            case "grafana-signup" -> List.of(ValuesPath.parse("monitor.grafana.allow_sign_up"));
            case "grafana-default-admin" -> List.of(ValuesPath.parse("monitor.grafana.password"));
            case "single-router" -> List.of(ValuesPath.parse("router.replicas"), ValuesPath.parse("router.replica_count"));
            case "tls-missing" -> List.of(ValuesPath.parse("router.service_annotations")
                    .child("service.beta.kubernetes.io/aws-load-balancer-ssl-cert"));
            case "tls-not-enforced" -> List.of(annotations.child("router.deis.io/nginx.ssl.enforce"));
            case "tls-legacy-protocols" -> List.of(annotations.child("router.deis.io/nginx.ssl.protocols"));
            case "no-ip-whitelist" -> List.of(annotations.child("router.deis.io/nginx.defaultWhitelist"));
            case "router-host-port" -> List.of(ValuesPath.parse("router.host_port.enabled"));
            case "rbac-disabled" -> List.of(ValuesPath.parse("global.use_rbac"));
            case "mutable-image-tag" -> imageTagKeys(finding.cause());
            default -> List.of();
        };
    }

    /** `image:deis-monitor-grafana` → monitor.grafana.docker_tag, monitor-grafana.docker_tag, … */
    private static List<ValuesPath> imageTagKeys(String cause) {
        String name = cause.startsWith("image:deis-") ? cause.substring("image:deis-".length()) : "";
        if (name.isEmpty()) {
            return List.of();
        }
        List<ValuesPath> keys = new ArrayList<>();
        String[] parts = name.split("-");
        int splits = 1 << Math.max(0, parts.length - 1);
        for (int mask = 0; mask < splits && keys.size() < 16; mask++) {
            List<String> path = new ArrayList<>();
            StringBuilder current = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                if ((mask & (1 << (i - 1))) != 0) {
                    path.add(current.toString());
                    current = new StringBuilder(parts[i]);
                } else {
                    current.append('-').append(parts[i]);
                }
            }
            path.add(current.toString());
            path.add("docker_tag");
            keys.add(new ValuesPath(path));
        }
        if (name.startsWith("logger-")) {
            keys.add(ValuesPath.of(name.substring("logger-".length()), "docker_tag"));
        }
        return keys;
    }

    /** How to read, in any render, the field a rule saw; null when it cannot be told. */
    private Function<ManifestSet, Object> field(String rule, KubeObject object, TextPosition at) {
        if (object == null) {
            return null;
        }
        String kind = object.kind();
        String name = object.name();
        if (ANNOTATION_RULES.contains(rule)) {
            return set -> find(set, kind, name).map(o -> YamlData.of(o.annotations())).orElse(null);
        }
        if (rule.equals("tls-missing")) {
            return set -> List.of(set.contains("Secret", "deis-router-platform-cert"), set.named("Service", "deis-router").stream()
                    .map(s -> String.valueOf(YamlData.of(s.annotations()))).toList());
        }
        if (rule.equals("rbac-disabled")) {
            return set -> set.objects().stream().filter(o -> (o.kind().equals("Role") || o.kind().equals("ClusterRole"))
                    && o.name().startsWith("deis")).count();
        }
        List<Object> path = pathAt(object.root(), at, new ArrayList<>());
        if (path == null || path.equals(List.of("metadata", "name"))) {
            return set -> find(set, kind, name).isPresent();
        }
        return set -> find(set, kind, name).map(o -> YamlData.of(nodeAt(o.root(), path))).orElse(null);
    }

    private static Optional<KubeObject> find(ManifestSet set, String kind, String name) {
        return Optional.ofNullable(set.first(kind, name));
    }

    private KubeObject object(String ref) {
        return rendered.objects().stream().filter(o -> o.ref().equals(ref)).findFirst().orElse(null);
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
            if (step instanceof Integer index && current instanceof YamlList list && index < list.items().size()) {
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
        KubeObject object = object(place.object());
        return object == null || object.sourceTemplate() == null ? request.chart().displayRoot()
                : templateDisplay(object.sourceTemplate());
    }

    private String templateDisplay(String source) {
        Chart chart = request.chart();
        String inChart = source.startsWith(chart.name() + "/") ? source.substring(chart.name().length() + 1) : source;
        return chart.displayRoot() + "/" + inChart;
    }

    /** The template's line that writes the field (found by its key), or the template's first line. */
    private Location templateLocation(KubeObject object, TextPosition at) {
        Chart chart = request.chart();
        if (object == null || object.sourceTemplate() == null) {
            return new Location(renderedFile, at);
        }
        String source = object.sourceTemplate();
        String inChart = source.startsWith(chart.name() + "/") ? source.substring(chart.name().length() + 1) : source;
        Path file = chart.directory().resolve(inChart);
        if (!Files.isRegularFile(file)) {
            return new Location(renderedFile, at);
        }
        try {
            SourceFile template = reader.read(file, templateDisplay(source));
            List<Object> path = pathAt(object.root(), at, new ArrayList<>());
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
            return new Location(renderedFile, at);
        }
    }
}
