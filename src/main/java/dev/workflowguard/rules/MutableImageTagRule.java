package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.release.ReleaseFacts;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.HelmScalars;
import dev.workflowguard.yaml.HelmType;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * `mutable-image-tag`: a component runs a moving image tag (`canary`, `latest`, or none). With the release in the
 * release table, the remedy is the exact tag that release shipped for the component (each component has its own
 * release line: Hephy Workflow v2.23.0 shipped router v2.19.0 and controller v2.22.0), and `workflow:fix` writes it
 * to the values key that release reads it from.
 */
public final class MutableImageTagRule implements Rule {

    static final String ID = "mutable-image-tag";
    private static final Set<String> MOVING = Set.of("canary", "latest", "");
    /** Values keys whose rendered Deployment is not `deis-<key>`. */
    private static final Map<String, String> OBJECT_NAMES =
            Map.of("fluentd", "deis-logger-fluentd", "redis", "deis-logger-redis");

    private static final String WHY = "a moving tag makes nodes run different builds and makes a rollback impossible";
    /** Without the release's facts, how to find the tag: no tag is named that the table does not give. */
    private static final String FIND_THE_TAG = "pin it to the tag your Workflow release shipped for this component "
            + "(the docker_tag in workflow/charts/<component>/values.yaml of that release's chart, which `helm fetch "
            + "<repo>/workflow --version <release> --untar` unpacks), or to a digest";

    private static final String WITHOUT_VERSION =
            FIND_THE_TAG + "; with the Workflow version configured (<workflowVersion>), workflow-guard names the tag";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.WARNING,
            "when the Workflow release is in the release table (configured, or the chart's version)",
            "A component's docker_tag (or a deis-* container image) is canary, latest or empty.",
            "Production runs reviewed releases: a moving tag changes what runs without a change in the repository.",
            true,
            true,
            "Pin each component to the tag the Workflow release shipped for it (each component has its own release "
                    + "line: Hephy Workflow v2.23.0 shipped router `v2.19.0` and controller `v2.22.0`), or to a "
                    + "digest. With the Workflow version configured (or the chart's), the message names that tag and "
                    + "`mvn workflow:fix` writes it to the component's tag key (`router.docker_tag`); without one, "
                    + "the tag is the `docker_tag` in `workflow/charts/<component>/values.yaml` of the release's chart.");

    private static final ObjectMatch WORKLOADS =
            ObjectMatch.prefixed("deis-", KubeObject.WORKLOAD_KINDS).reading(ObjectField.IMAGES);
    private static final String PINNED = "the tag the release shipped for the component";
    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(ValuesKey.pattern("*.docker_tag"))
            .objects(WORKLOADS)
            .trace(Trace.byCause(
                    "the `docker_tag` of the component the workload is named after (`deis-monitor-grafana`: "
                            + "`monitor.grafana.docker_tag`, `monitor-grafana.docker_tag`, …)",
                    MutableImageTagRule::tagKeys))
            .fixes(
                    RuleFix.values(ValuesKey.pattern("*.docker_tag"), PINNED)
                            .when("when the Workflow release is in the release table; on a chart's render, the tag key "
                                    + "that release uses, once rendering again shows the chart reads it"),
                    RuleFix.manifest(WORKLOADS, ObjectField.IMAGES, "the same image with " + PINNED))
            .build();

    /** The release table the tags come from. */
    private final Supplier<WorkflowReleases> releases;

    /** The rule as the catalogue runs it, with the bundled release table (read on first use). */
    public MutableImageTagRule() {
        this.releases = WorkflowReleases::bundled;
    }

    /** The rule with another release table (a test's own). */
    public MutableImageTagRule(WorkflowReleases releases) {
        this.releases = () -> releases;
    }

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
        Optional<WorkflowReleases.ReleaseMatch> release = releases.get().lookup(context.version());
        EffectiveValues values = context.values();
        if (values != null) {
            walk(
                    values,
                    release,
                    values.merged(),
                    ValuesPath.of(),
                    Collections.newSetFromMap(new IdentityHashMap<>()),
                    findings);
        }
        ManifestSet manifests = context.manifests();
        if (manifests != null) {
            List<KubeObject> workloads = manifests.objects().stream()
                    .filter(object -> object.isWorkload() && object.name().startsWith("deis-"))
                    .toList();
            Map<String, Boolean> keysRead = keysRead(context, release, workloads);
            workloads.forEach(workload -> checkWorkload(context, release, workload, keysRead, findings));
        }
    }

    /**
     * On a chart's render, whether the chart reads each moving image's tag from the release's key (a fork may
     * not), by image: every question asked of the probe at once, so that it renders many keys together.
     */
    private static Map<String, Boolean> keysRead(
            CheckContext context, Optional<WorkflowReleases.ReleaseMatch> release, List<KubeObject> workloads) {
        Map<String, RenderProbe.Question> questions = new LinkedHashMap<>();
        if (context.probe() == null) {
            return Map.of();
        }
        for (KubeObject workload : workloads) {
            if (!ManifestFixes.isRendered(context, workload)) {
                continue;
            }
            Optional<Pin> pin = pin(release, tagKeys("image:" + workload.name()));
            for (KubeObject.Container container : workload.containersWithPaths()) {
                String tag = container.container().get("image") instanceof YamlScalar scalar && !scalar.isNull()
                        ? tagOf(scalar.text())
                        : null;
                if (pin.isPresent() && tag != null && MOVING.contains(tag)) {
                    List<Object> imagePath = imagePath(container);
                    questions.put(
                            imageId(workload, imagePath),
                            new RenderProbe.Question(
                                    pin.get().key(),
                                    workload,
                                    imagePath.subList(workload.basePath().size(), imagePath.size())));
                }
            }
        }
        List<String> ids = new ArrayList<>(questions.keySet());
        List<Boolean> answers = context.probe().controlsEach(new ArrayList<>(questions.values()));
        Map<String, Boolean> read = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            read.put(ids.get(i), answers.get(i));
        }
        return read;
    }

    private static List<Object> imagePath(KubeObject.Container container) {
        List<Object> path = new ArrayList<>(container.path());
        path.add("image");
        return path;
    }

    private static String imageId(KubeObject workload, List<Object> imagePath) {
        return workload.ref() + " " + imagePath;
    }

    /**
     * The tag a release shipped for the component whose tag a values key sets.
     *
     * @param key the component's tag key in that release
     * @param tag the tag it shipped
     * @param match the release whose facts apply
     */
    private record Pin(ValuesPath key, String tag, WorkflowReleases.ReleaseMatch match) {

        /** Only the release's own facts are written: a lower release's tag could downgrade the component. */
        boolean fixable() {
            return match.exact();
        }

        /** "pin router.docker_tag to v2.19.0, the tag Hephy Workflow v2.23.0 shipped". */
        String remedy() {
            String title = match.facts().title();
            return match.exact()
                    ? "pin " + key + " to " + tag + ", the tag " + title + " shipped"
                    : "pin " + key + " to the tag Workflow " + match.asked().display() + " shipped; workflow-guard's "
                            + "release table does not have that release, and " + title + ", the nearest below it, "
                            + "shipped " + tag;
        }

        /** For a chart that does not read the release's key (a fork): the tag, and where else it goes. */
        String remedyWithoutKey() {
            return "pin the image to " + tag + ", the tag " + match.facts().title() + " shipped"
                    + (match.exact()
                            ? ""
                            : " (the nearest release below " + match.asked().display() + ")")
                    + "; this chart does not read " + key + ", so set the tag where its template takes it from";
        }

        /** Quoted when Helm would read the tag as something other than a string (`2.4`). */
        boolean quoted() {
            return HelmScalars.typeOfPlain(tag) != HelmType.STRING;
        }
    }

    /** The pin for the first key (of those that may set a component's tag) that the release tags a component by. */
    private static Optional<Pin> pin(Optional<WorkflowReleases.ReleaseMatch> release, List<ValuesPath> keys) {
        if (release.isEmpty()) {
            return Optional.empty();
        }
        for (ValuesPath key : keys) {
            Optional<ReleaseFacts.Component> component = release.get().facts().componentTaggedBy(key.toString());
            if (component.isPresent() && component.get().tag() != null) {
                return Optional.of(new Pin(key, component.get().tag(), release.get()));
            }
        }
        return Optional.empty();
    }

    /** What to pin, when the release's facts do not name the tag. */
    private static String withoutPin(Optional<WorkflowReleases.ReleaseMatch> release) {
        return release.map(match -> FIND_THE_TAG + " (workflow-guard's release table knows no component of "
                        + match.facts().title() + " whose tag this key sets)")
                .orElse(WITHOUT_VERSION);
    }

    private void walk(
            EffectiveValues values,
            Optional<WorkflowReleases.ReleaseMatch> release,
            YamlMap map,
            ValuesPath path,
            Set<YamlMap> seen,
            RuleFindings findings) {
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
                Optional<Pin> pin = pin(release, List.of(here));
                Value value = values.get(here);
                findings.report(
                        cause(path),
                        Place.inValues(
                                values.locate(value),
                                here.toString(),
                                here + " " + said + ": " + WHY + "; "
                                        + pin.map(Pin::remedy).orElseGet(() -> withoutPin(release))),
                        pin.filter(Pin::fixable)
                                .map(p -> Fixes.set(value, p.tag(), p.quoted()))
                                .orElse(null));
            } else if (entry.value() instanceof YamlMap child) {
                walk(values, release, child, here, seen, findings);
            }
        }
    }

    private void checkWorkload(
            CheckContext context,
            Optional<WorkflowReleases.ReleaseMatch> release,
            KubeObject workload,
            Map<String, Boolean> keysRead,
            RuleFindings findings) {
        String cause = "image:" + workload.name();
        for (KubeObject.Container container : workload.containersWithPaths()) {
            YamlEntry image = container.container().entry("image");
            if (image == null || !(image.value() instanceof YamlScalar scalar) || scalar.isNull()) {
                continue;
            }
            String tag = tagOf(scalar.text());
            if (tag != null && MOVING.contains(tag)) {
                String said = tag.isEmpty() ? "has no tag, so \"latest\" is pulled" : "uses tag \"" + tag + "\"";
                Optional<Pin> pin = pin(release, tagKeys(cause));
                List<Object> imagePath = imagePath(container);
                boolean keyRead = keysRead.getOrDefault(imageId(workload, imagePath), true);
                String remedy = pin.map(p -> keyRead ? p.remedy() : p.remedyWithoutKey())
                        .orElseGet(() -> withoutPin(release));
                Place place = Place.inManifest(
                        workload.locationOf(image),
                        workload.ref(),
                        workload.ref() + " image " + scalar.text() + " " + said + ": " + WHY + "; " + remedy);
                Optional<Pin> fixable = pin.filter(Pin::fixable);
                EffectiveValues values = context.values();
                // On a chart's render the fix is the values key the chart reads; committed manifests are edited in
                // place when the user asked for it (ManifestFixes says when).
                ProposedFix valuesFix = ManifestFixes.isRendered(context, workload) && keyRead && values != null
                        ? fixable.map(p -> Fixes.set(values.get(p.key()), p.tag(), p.quoted()))
                                .orElse(null)
                        : null;
                findings.report(cause, place, valuesFix, null);
                fixable.map(p ->
                                ManifestFixes.set(context, workload, imagePath, withTag(scalar.text(), p.tag()), false))
                        .ifPresent(fix -> findings.report(cause, place, fix));
            }
        }
    }

    /** The image reference with its tag replaced (or added): `quay.io/deis/router:canary` → `…/router:v2.9.0`. */
    static String withTag(String image, String tag) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return (colon > slash ? image.substring(0, colon) : image) + ":" + tag;
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
