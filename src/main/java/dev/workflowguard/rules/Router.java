package dev.workflowguard.rules;

import dev.workflowguard.finding.Location;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
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

    /** The switches that replace the router with native ingress: Deis's router chart, then Hephy's umbrella. */
    static final List<ValuesKey> NATIVE_INGRESS =
            List.of(ValuesKey.of("global.experimental_native_ingress"), ValuesKey.of("global.native_ingress"));

    private Router() {}

    /**
     * True when native ingress replaces the router (`global.experimental_native_ingress` in Deis,
     * `global.native_ingress` in Hephy): no deis-router runs, so router rules do not apply.
     */
    static boolean replacedByNativeIngress(CheckContext context) {
        return context.hasValues()
                && NATIVE_INGRESS.stream()
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

    /** True when the values (when they are evidence) set the annotation to a value the router reads as true. */
    static boolean annotationTrueInValues(CheckContext context, String annotation) {
        return valuesAreEvidence(context)
                && Truth.routerTrue(annotation(context.values(), annotation).text());
    }

    /** True when the values (when they are evidence) set the annotation to something non-empty. */
    static boolean annotationSetInValues(CheckContext context, String annotation) {
        return valuesAreEvidence(context)
                && isSet(annotation(context.values(), annotation).text());
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
