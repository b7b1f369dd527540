package dev.workflowguard.rules;

import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlScalar;
import java.util.List;

/** What the router rules share: where router settings live in values and in the render. */
final class Router {

    static final String DEPLOYMENT = "deis-router";
    static final String ANNOTATIONS = "router.deployment_annotations";
    static final String SERVICE_ANNOTATIONS = "router.service_annotations";
    static final String SSL_ENFORCE = "router.deis.io/nginx.ssl.enforce";
    static final String HSTS = "router.deis.io/nginx.ssl.hsts.enabled";
    static final String PROTOCOLS = "router.deis.io/nginx.ssl.protocols";
    static final String ENFORCE_WHITELISTS = "router.deis.io/nginx.enforceWhitelists";
    static final String DEFAULT_WHITELIST = "router.deis.io/nginx.defaultWhitelist";

    /** The router's replica count, in the forks that expose it; the stock chart hard-codes one replica. */
    static final List<ValuesKey> REPLICA_KEYS =
            List.of(ValuesKey.of("router.replicas"), ValuesKey.of("router.replica_count"));

    /** The key appears in Workflow 2.10, defaulting to true until 2.12. */
    static final ValuesKey HOST_PORT = ValuesKey.of("router.host_port.enabled").since("2.10");

    /**
     * The switches that replace the router with native ingress: Deis's router chart (2.13 on), then
     * `global.native_ingress`, which no release of the table has but a fork or a later Hephy may: it is read, and
     * no remedy names it.
     */
    static final List<ValuesKey> NATIVE_INGRESS = List.of(
            ValuesKey.of("global.experimental_native_ingress").since("2.13"), ValuesKey.of("global.native_ingress"));

    /** The router Deployment's annotations in values: the chart takes them from here from Workflow 2.9 on. */
    static final ValuesKey DEPLOYMENT_ANNOTATIONS = ValuesKey.of(ANNOTATIONS).since("2.9");

    /** The router Service's annotations in values, from Workflow 2.9 on. */
    static final ValuesKey SERVICE_ANNOTATIONS_KEY =
            ValuesKey.of(SERVICE_ANNOTATIONS).since("2.9");

    private Router() {}

    /**
     * True when native ingress replaces the router (`global.experimental_native_ingress` in Deis,
     * `global.native_ingress` in Hephy): no deis-router runs, so router rules do not apply.
     */
    static boolean replacedByNativeIngress(CheckContext context) {
        // A switch the detected release does not have leaves its router in place, whatever the values say.
        return context.hasValues()
                && NATIVE_INGRESS.stream()
                        .filter(key -> !key.missingIn(context.values().version()))
                        .map(key -> context.values().get(key.path()).scalar())
                        .anyMatch(scalar -> scalar != null && scalar.isTemplateTruthy());
    }

    /** The router Deployment, reading these fields. */
    static ObjectMatch deployment(ObjectField... fields) {
        return ObjectMatch.named("Deployment", DEPLOYMENT).reading(fields);
    }

    /** The path of a router annotation in values. */
    static ValuesPath annotationPath(String annotation) {
        return ValuesPath.parse(ANNOTATIONS).child(annotation);
    }

    /** A router annotation as a values key under `router.deployment_annotations`. */
    static ValuesKey annotationKey(String annotation) {
        return ValuesKey.of(annotationPath(annotation));
    }

    static Value annotation(EffectiveValues values, String annotation) {
        return values.get(annotationPath(annotation));
    }

    /** The router Deployments in the render (one per rendered cluster). */
    static List<KubeObject> deployments(CheckContext context) {
        ManifestSet manifests = context.manifests();
        return manifests == null ? List.of() : manifests.named("Deployment", DEPLOYMENT);
    }

    /** The annotation's rendered text on a router Deployment, or null. */
    static String annotationText(KubeObject deployment, String annotation) {
        YamlEntry entry = deployment.annotation(annotation);
        return entry != null && entry.value() instanceof YamlScalar scalar ? scalar.text() : null;
    }

    /**
     * True when values are evidence of their own: without a fresh render. With one, the render shows
     * what the values really produce (a chart may ignore a key), so it alone decides.
     */
    static boolean valuesAreEvidence(CheckContext context) {
        return context.hasValues() && context.rendered() == null;
    }

    /**
     * True when the release is known and its chart takes no router annotations from the values (Workflow 2.8.x):
     * values that set them change nothing there, no remedy may name the keys and no fix may write them.
     */
    static boolean annotationsMissingIn(WorkflowVersion version) {
        return DEPLOYMENT_ANNOTATIONS.missingIn(version);
    }

    /**
     * What to do on such a release instead of setting a values key: annotate the object with kubectl after each
     * install or upgrade, or upgrade to the first release whose chart takes the annotations from the values.
     *
     * @param object the object to annotate, `deployment` or `service`
     */
    static String annotateInstead(WorkflowVersion version, String object, String annotation, String value) {
        return "the chart of " + Releases.named(version) + " sets no " + object + " annotations from the values: "
                + "after each install or upgrade run `kubectl --namespace=deis annotate --overwrite " + object + "/"
                + DEPLOYMENT + " " + annotation + "=" + value + "` (the next helm upgrade drops it), or "
                + Releases.upgradeFor(DEPLOYMENT_ANNOTATIONS) + ", whose chart takes them from the values";
    }

    /**
     * A values place about a router annotation on such a release, which no fix goes with: at the annotation if a
     * file sets it (saying that it has no effect), otherwise at the router's values, where nothing can be set.
     */
    static Place placeWithoutAnnotationValues(EffectiveValues values, String annotation, String message) {
        Value value = annotation(values, annotation);
        boolean set = value.entry() != null;
        return Place.inValues(
                annotationLocation(values, annotation),
                set ? value.path().toString() : "router",
                (set ? value.path() + " has no effect on " + Releases.named(values.version()) + "; " : "") + message);
    }

    /** True when the values (when they are evidence) set the annotation to a value the router reads as true. */
    static boolean annotationTrueInValues(CheckContext context, String annotation) {
        return annotationValuesAreEvidence(context)
                && Truth.routerTrue(annotation(context.values(), annotation).text());
    }

    /** True when the values (when they are evidence) set the annotation to something non-empty. */
    static boolean annotationSetInValues(CheckContext context, String annotation) {
        return annotationValuesAreEvidence(context)
                && isSet(annotation(context.values(), annotation).text());
    }

    /** Values are evidence of router annotations unless a render decides or the release's chart ignores them. */
    static boolean annotationValuesAreEvidence(CheckContext context) {
        return valuesAreEvidence(context)
                && !annotationsMissingIn(context.values().version());
    }

    /** True when a router Deployment among the objects has the annotation set to a value the router reads as true. */
    static boolean annotationTrueIn(ManifestSet objects, String annotation) {
        return objects.named("Deployment", DEPLOYMENT).stream()
                .anyMatch(deployment -> Truth.routerTrue(annotationText(deployment, annotation)));
    }

    /** True when a router Deployment among the objects has the annotation set to something non-empty. */
    static boolean annotationSetIn(ManifestSet objects, String annotation) {
        return objects.named("Deployment", DEPLOYMENT).stream()
                .anyMatch(deployment -> isSet(annotationText(deployment, annotation)));
    }

    private static boolean isSet(String text) {
        return text != null && !text.isBlank();
    }

    /**
     * Where a values message about a router annotation points: the annotation if a file sets (or
     * deletes) it; otherwise where it would be added, in the last values file, like every value
     * set nowhere (and where `workflow:fix` writes it).
     */
    static Location annotationLocation(EffectiveValues values, String annotation) {
        Value value = annotation(values, annotation);
        return value.entry() != null ? values.locate(value) : values.locateAbsent(annotationPath(annotation));
    }

    /** Where a manifest message about a router annotation points: the annotation, else the object. */
    static Location annotationLocation(KubeObject deployment, String annotation) {
        YamlEntry entry = deployment.annotation(annotation);
        return entry != null ? deployment.locationOf(entry) : deployment.location();
    }
}
