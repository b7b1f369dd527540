package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** `tls-legacy-protocols`: the router accepts TLSv1 or TLSv1.1 (its default does). */
public final class TlsLegacyProtocolsRule implements Rule {

    static final String ID = "tls-legacy-protocols";
    private static final String ROUTER_DEFAULT = "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3";
    private static final String MODERN = "TLSv1.2 TLSv1.3";
    private static final Set<String> LEGACY = Set.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1");
    private static final String WHY = "TLSv1 and TLSv1.1 are obsolete and broken (RFC 8996)";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.WARNING,
            "yes",
            "The router allows TLSv1/TLSv1.1 (nginx.ssl.protocols unset or listing them).",
            "Production Deployments: enable TLS; " + WHY + ", so allow only " + MODERN + ".",
            true,
            true,
            "Set `router.deis.io/nginx.ssl.protocols: \"TLSv1.2 TLSv1.3\"` under `router.deployment_annotations`; `mvn workflow:fix` writes it. Workflow 2.8's chart takes no router annotations from the values: there, annotate the `deis-router` Deployment with `kubectl --namespace=deis annotate` after each install or upgrade, or upgrade to 2.9 or later.");

    private static final ValuesKey PROTOCOLS = Router.annotationKey(Router.PROTOCOLS);
    private static final ObjectMatch ROUTER = Router.deployment(ObjectField.annotation(Router.PROTOCOLS));
    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(PROTOCOLS)
            .values(Router.NATIVE_INGRESS)
            .objects(ROUTER)
            .trace(Trace.keys(PROTOCOLS).comparing(ObjectField.ANNOTATIONS))
            .fixes(
                    RuleFix.values(PROTOCOLS, "`\"" + MODERN + "\"`"),
                    RuleFix.manifest(ROUTER, ObjectField.annotation(Router.PROTOCOLS), "`\"" + MODERN + "\"`"))
            .build();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleInputs inputs() {
        return INPUTS;
    }

    /** The obsolete protocols the list names, each once, in its order. */
    private static List<String> legacyIn(String protocols) {
        return Arrays.stream(protocols.trim().split("\\s+"))
                .filter(LEGACY::contains)
                .distinct()
                .toList();
    }

    @Override
    public void check(CheckContext context, RuleFindings findings) {
        if (Router.replacedByNativeIngress(context)) {
            return;
        }
        boolean noKey = Router.annotationsMissingIn(context.version());
        String remedy = noKey
                ? "; " + Router.annotateInstead(context.version(), "deployment", Router.PROTOCOLS, "'" + MODERN + "'")
                : "; set " + Router.PROTOCOLS + ": \"" + MODERN + "\"";
        EffectiveValues values = context.values();
        if (values != null && noKey) {
            // Workflow 2.8.x: the chart takes no router annotations from the values, so none is written there.
            findings.report(
                    "tls-protocols",
                    Router.placeWithoutAnnotationValues(
                            values,
                            Router.PROTOCOLS,
                            "the router has no " + Router.PROTOCOLS + " annotation, so the router default \""
                                    + ROUTER_DEFAULT + "\" applies: " + WHY + remedy));
        } else if (values != null) {
            checkValues(values, findings, remedy);
        }
        for (KubeObject router : Router.deployments(context)) {
            String text = Router.annotationText(router, Router.PROTOCOLS);
            String said;
            if (text == null || text.isBlank()) {
                said = "has no " + Router.PROTOCOLS + " annotation, so the router default \"" + ROUTER_DEFAULT
                        + "\" applies";
            } else if (!legacyIn(text).isEmpty()) {
                said = "allows " + String.join(" and ", legacyIn(text)) + " (" + Router.PROTOCOLS + ": \"" + text
                        + "\")";
            } else {
                continue;
            }
            findings.report(
                    "tls-protocols",
                    Place.inManifest(
                            Router.annotationLocation(router, Router.PROTOCOLS),
                            router.ref(),
                            router.ref() + " " + said + ": " + WHY + remedy),
                    ManifestFixes.annotation(context, router, Router.PROTOCOLS, MODERN));
        }
    }

    private void checkValues(EffectiveValues values, RuleFindings findings, String remedy) {
        Value protocols = Router.annotation(values, Router.PROTOCOLS);
        String text = protocols.text();
        String said;
        if (text == null || text.isBlank()) {
            said = (protocols.isSet()
                            ? ValueWords.describe(protocols)
                            : Router.PROTOCOLS + " is not set under " + Router.ANNOTATIONS)
                    + ", so the router default \"" + ROUTER_DEFAULT + "\" applies";
        } else if (!legacyIn(text).isEmpty()) {
            said = ValueWords.describe(protocols) + ", which allows " + String.join(" and ", legacyIn(text));
        } else {
            return;
        }
        findings.report(
                "tls-protocols",
                Place.inValues(
                        Router.annotationLocation(values, Router.PROTOCOLS),
                        protocols.path().toString(),
                        said + ": " + WHY + remedy),
                Fixes.set(protocols, MODERN, true));
    }
}
