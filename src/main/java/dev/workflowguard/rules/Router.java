package dev.workflowguard.rules;

import dev.workflowguard.finding.Location;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
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

    private Router() {}

    /**
     * True when native ingress replaces the router (`global.experimental_native_ingress` in Deis,
     * `global.native_ingress` in Hephy): no deis-router runs, so router rules do not apply.
     */
    static boolean replacedByNativeIngress(CheckContext context) {
        if (!context.hasValues()) {
            return false;
        }
        for (String key : new String[] {"global.experimental_native_ingress", "global.native_ingress"}) {
            YamlScalar scalar = context.values().get(key).scalar();
            if (scalar != null && scalar.isTemplateTruthy()) {
                return true;
            }
        }
        return false;
    }

    /** The path of a router annotation in values. */
    static ValuesPath annotationPath(String annotation) {
        return ValuesPath.parse(ANNOTATIONS).child(annotation);
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

    /** True when values or any rendered router Deployment set the annotation to a value the router reads as true. */
    static boolean annotationTrueAnywhere(CheckContext context, String annotation) {
        if (valuesAreEvidence(context)
                && Truth.routerTrue(annotation(context.values(), annotation).text())) {
            return true;
        }
        for (KubeObject deployment : deployments(context)) {
            if (Truth.routerTrue(annotationText(deployment, annotation))) {
                return true;
            }
        }
        return false;
    }

    /** True when values or any rendered router Deployment set the annotation to something non-empty. */
    static boolean annotationSetAnywhere(CheckContext context, String annotation) {
        if (valuesAreEvidence(context)) {
            String text = annotation(context.values(), annotation).text();
            if (text != null && !text.isBlank()) {
                return true;
            }
        }
        for (KubeObject deployment : deployments(context)) {
            String text = annotationText(deployment, annotation);
            if (text != null && !text.isBlank()) {
                return true;
            }
        }
        return false;
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
