package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlScalar;
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

    @Override
    public RuleInfo info() {
        return INFO;
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
            for (KubeObject workload : manifests.objects()) {
                if (workload.isWorkload() && workload.name().startsWith("deis-")) {
                    checkWorkload(workload, findings);
                }
            }
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
    static String tagOf(String image) {
        if (image.contains("@")) {
            return null;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "";
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
