package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** `mutable-image-tag`: a component runs a moving image tag (`canary`, `latest`, or none). */
public final class MutableImageTagRule implements Rule {

    static final String ID = "mutable-image-tag";
    private static final Set<String> MOVING = Set.of("canary", "latest", "");
    /** Values keys whose rendered Deployment is not `deis-<key>`. */
    private static final Map<String, String> OBJECT_NAMES =
            Map.of("fluentd", "deis-logger-fluentd", "redis", "deis-logger-redis");

    private static final String WHY = "a moving tag makes nodes run different builds and makes a rollback impossible; "
            + "pin a release tag such as v2.23.0";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.WARNING,
            "no",
            "A component's docker_tag (or a deis-* container image) is canary, latest or empty.",
            "Production runs reviewed releases: a moving tag changes what runs without a change in the repository.",
            true,
            true,
            "Pin `docker_tag` (and rendered images) to a release tag such as `v2.23.0`, or to a digest.");

    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(ValuesKey.pattern("*.docker_tag"))
            .objects(ObjectMatch.prefixed("deis-", KubeObject.WORKLOAD_KINDS).reading(ObjectField.IMAGES))
            .trace(Trace.byCause(
                    "the `docker_tag` of the component the workload is named after (`deis-monitor-grafana`: "
                            + "`monitor.grafana.docker_tag`, `monitor-grafana.docker_tag`, …)",
                    MutableImageTagRule::tagKeys))
            .build();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleInputs inputs() {
        return INPUTS;
    }

    @Override
    public void check(CheckContext context, RuleFindings findings) {
        EffectiveValues values = context.values();
        if (values != null) {
            walk(
                    values,
                    values.merged(),
                    ValuesPath.of(),
                    Collections.newSetFromMap(new IdentityHashMap<>()),
                    findings);
        }
        ManifestSet manifests = context.manifests();
        if (manifests != null) {
            manifests.objects().stream()
                    .filter(object -> object.isWorkload() && object.name().startsWith("deis-"))
                    .forEach(workload -> checkWorkload(workload, findings));
        }
    }

    private void walk(EffectiveValues values, YamlMap map, ValuesPath path, Set<YamlMap> seen, RuleFindings findings) {
        if (!seen.add(map)) {
            return;
        }
        for (YamlEntry entry : map.entries()) {
            ValuesPath here = path.child(entry.name());
            if (entry.name().equals("docker_tag")
                    && entry.value() instanceof YamlScalar tag
                    && MOVING.contains(tag.rendered())) {
                String said = tag.rendered().isEmpty()
                        ? "is empty, so the image's latest tag is pulled"
                        : "is \"" + tag.text() + "\"";
                findings.report(
                        cause(path),
                        Place.inValues(
                                values.locate(values.get(here)), here.toString(), here + " " + said + ": " + WHY));
            } else if (entry.value() instanceof YamlMap child) {
                walk(values, child, here, seen, findings);
            }
        }
    }

    private void checkWorkload(KubeObject workload, RuleFindings findings) {
        for (YamlMap container : workload.containers()) {
            YamlEntry image = container.entry("image");
            if (image == null || !(image.value() instanceof YamlScalar scalar) || scalar.isNull()) {
                continue;
            }
            String tag = tagOf(scalar.text());
            if (tag != null && MOVING.contains(tag)) {
                String said = tag.isEmpty() ? "has no tag, so \"latest\" is pulled" : "uses tag \"" + tag + "\"";
                findings.report(
                        "image:" + workload.name(),
                        Place.inManifest(
                                workload.locationOf(image),
                                workload.ref(),
                                workload.ref() + " image " + scalar.text() + " " + said + ": " + WHY));
            }
        }
    }

    /** The tag of an image reference; "" when there is none; null when it is pinned by digest. */
    private static String tagOf(String image) {
        if (image.contains("@")) {
            return null;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "";
    }

    /**
     * The values keys that may set the tag of a cause's workload, every way of splitting its name into
     * keys (at most 16): `image:deis-monitor-grafana` → `monitor.grafana.docker_tag`,
     * `monitor-grafana.docker_tag`; a logger component also by its own name (`fluentd.docker_tag`).
     */
    private static List<ValuesPath> tagKeys(String cause) {
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

    /** `controller` → `image:deis-controller`, so a values tag and its rendered Deployment are one finding. */
    private static String cause(ValuesPath component) {
        List<String> keys = component.keys();
        if (keys.size() == 1 && OBJECT_NAMES.containsKey(keys.get(0))) {
            return "image:" + OBJECT_NAMES.get(keys.get(0));
        }
        return "image:deis-" + String.join("-", keys);
    }
}
