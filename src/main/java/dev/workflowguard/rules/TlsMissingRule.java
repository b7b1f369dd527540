package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlScalar;
import java.util.List;
import java.util.Locale;

/**
 * `tls-missing`: nothing shows that TLS is set up. Satisfied by evidence from any input: a
 * platform certificate Secret in the render, a load-balancer certificate annotation (in values or
 * on the rendered Service), or a certificate declared in the plugin configuration.
 */
public final class TlsMissingRule implements Rule {

    static final String ID = "tls-missing";
    static final String PLATFORM_CERT = "deis-router-platform-cert";
    private static final String CLEAR_TEXT = "logins, API tokens and app traffic travel in clear text";
    private static final String ELSEWHERE =
            "if the certificate is managed elsewhere, declare it with <externalCertificate>";
    private static final String AWS_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.ERROR,
            "no",
            "No TLS: no platform certificate, no load-balancer certificate annotation, no declared external "
                    + "certificate.",
            "Production Deployments: enable TLS; it encrypts Workflow client traffic, including login credentials.",
            true,
            true,
            "Install the platform certificate as Secret `deis-router-platform-cert` (keys `tls.crt` and `tls.key`), or terminate TLS at the load balancer with an annotation under `router.service_annotations` (for example `service.beta.kubernetes.io/aws-load-balancer-ssl-cert: <certificate ARN>`). When the certificate is managed outside the chart (cert-manager, a load balancer configured elsewhere), declare it with `<externalCertificate>`. Workflow 2.8's chart takes no Service annotations from the values: there, annotate the `deis-router` Service with `kubectl --namespace=deis annotate` after each install or upgrade, or upgrade to 2.9 or later.");

    private static final ValuesKey SERVICE_ANNOTATIONS = Router.SERVICE_ANNOTATIONS_KEY;
    /** The load-balancer certificate annotation a values message suggests, and provenance tries. */
    private static final ValuesKey AWS_CERTIFICATE = SERVICE_ANNOTATIONS.child(AWS_ANNOTATION);

    /** A certificate in the render: the platform certificate Secret, or one on the router's load balancer. */
    static final Evidence CERTIFICATE = new Evidence(
            "TLS certificate",
            "a Secret `" + PLATFORM_CERT + "`, or a load-balancer certificate annotation on the Service `"
                    + Router.DEPLOYMENT + "`",
            objects -> objects.contains("Secret", PLATFORM_CERT)
                    || objects.named("Service", Router.DEPLOYMENT).stream()
                            .anyMatch(service -> hasCertificateAnnotation(service.annotations())));

    /** Where the manifest findings point: the router Service when one is rendered, else the Deployment. */
    static final Evidence ROUTER_SERVICE = new Evidence(
            "router Service",
            "a Service `" + Router.DEPLOYMENT + "` (the findings point at it rather than at the Deployment)",
            objects -> objects.contains("Service", Router.DEPLOYMENT));

    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(SERVICE_ANNOTATIONS)
            .values(Router.NATIVE_INGRESS)
            .objects(
                    ObjectMatch.named("Secret", PLATFORM_CERT),
                    ObjectMatch.named("Service", Router.DEPLOYMENT).reading(ObjectField.ANNOTATIONS),
                    Router.deployment())
            .evidence(CERTIFICATE, ROUTER_SERVICE)
            .trace(Trace.keys(AWS_CERTIFICATE).comparing(CERTIFICATE))
            .build();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleInputs inputs() {
        return INPUTS;
    }

    /** True for annotation keys that hand a certificate to a cloud load balancer. */
    private static boolean isLoadBalancerCertificate(String annotation) {
        String key = annotation.toLowerCase(Locale.ROOT);
        return key.startsWith("service.beta.kubernetes.io/")
                && (key.endsWith("ssl-cert")
                        || key.contains("certificate")
                        || key.endsWith("cert-id")
                        || key.endsWith("tls-secret"));
    }

    @Override
    public void check(CheckContext context, RuleFindings findings) {
        if (Router.replacedByNativeIngress(context) || hasEvidence(context)) {
            return;
        }
        String why = why(context.version());
        EffectiveValues values = context.values();
        if (values != null && SERVICE_ANNOTATIONS.missingIn(context.version())) {
            // Workflow 2.8.x: the chart takes no Service annotations from the values; point at the router's values.
            Value set = values.get(SERVICE_ANNOTATIONS.path());
            findings.report(
                    "tls",
                    Place.inValues(
                            set.entry() != null ? values.locate(set) : values.locateAbsent(AWS_CERTIFICATE.path()),
                            set.entry() != null ? Router.SERVICE_ANNOTATIONS : "router",
                            (set.entry() != null
                                            ? Router.SERVICE_ANNOTATIONS + " has no effect on "
                                                    + Releases.named(values.version()) + "; "
                                            : "")
                                    + "no TLS is configured: the router Service has no load-balancer certificate "
                                    + "annotation, no Secret " + PLATFORM_CERT + " is among the checked inputs, and no "
                                    + "externalCertificate is declared; " + why));
        } else if (values != null) {
            // Nothing sets a certificate annotation: point where one would be added, in the last values file.
            var at = values.locateAbsent(AWS_CERTIFICATE.path());
            findings.report(
                    "tls",
                    Place.inValues(
                            at,
                            Router.SERVICE_ANNOTATIONS,
                            "no TLS is configured: "
                                    + Router.SERVICE_ANNOTATIONS
                                    + " has no load-balancer certificate annotation, no Secret "
                                    + PLATFORM_CERT
                                    + " is among the checked inputs, and no externalCertificate is declared; " + why));
        }
        if (context.hasManifests()) {
            List<KubeObject> routers = context.manifestsShow(ROUTER_SERVICE)
                    ? context.manifests().named("Service", Router.DEPLOYMENT)
                    : Router.deployments(context);
            for (KubeObject router : routers) {
                findings.report(
                        "tls",
                        Place.inManifest(
                                router.location(),
                                router.ref(),
                                router.ref()
                                        + " has no load-balancer certificate annotation and no Secret/" + PLATFORM_CERT
                                        + " is rendered: " + why));
            }
        }
    }

    /** A certificate in any input: the configuration, the values (when they are evidence), the manifests. */
    private static boolean hasEvidence(CheckContext context) {
        if (context.externalCertificate() != null
                && !context.externalCertificate().isBlank()) {
            return true;
        }
        return (Router.valuesAreEvidence(context)
                        && !SERVICE_ANNOTATIONS.missingIn(context.values().version())
                        && hasCertificateAnnotation(context.values().map(Router.SERVICE_ANNOTATIONS)))
                || context.manifestsShow(CERTIFICATE);
    }

    /**
     * Why it matters and what to do: install the platform certificate, or terminate TLS at the load balancer with
     * a Service annotation, set in the values where the release's chart takes them from there, and with kubectl
     * (or after an upgrade) on Workflow 2.8.x, whose chart does not.
     */
    private static String why(WorkflowVersion version) {
        String loadBalancer = SERVICE_ANNOTATIONS.missingIn(version)
                ? Router.annotateInstead(version, "service", AWS_ANNOTATION, "<certificate ARN>")
                : "e.g. " + AWS_ANNOTATION + " under " + Router.SERVICE_ANNOTATIONS;
        return CLEAR_TEXT + "; install the platform certificate (Secret " + PLATFORM_CERT + ") or terminate TLS at "
                + "the load balancer (" + loadBalancer + "); " + ELSEWHERE;
    }

    /** True when the annotations (null: none) hand a certificate to the load balancer. */
    private static boolean hasCertificateAnnotation(YamlMap annotations) {
        return annotations != null
                && annotations.entries().stream()
                        .anyMatch(entry -> isLoadBalancerCertificate(entry.name())
                                && entry.value() instanceof YamlScalar value
                                && !value.isNull()
                                && !value.text().isBlank());
    }
}
