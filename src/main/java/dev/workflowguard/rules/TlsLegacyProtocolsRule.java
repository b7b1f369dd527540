package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** `tls-legacy-protocols`: the router accepts TLSv1 or TLSv1.1 (its default does). */
public final class TlsLegacyProtocolsRule implements Rule {

    static final String ID = "tls-legacy-protocols";
    static final String ROUTER_DEFAULT = "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3";
    static final String MODERN = "TLSv1.2 TLSv1.3";
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
            "Set `router.deis.io/nginx.ssl.protocols: \"TLSv1.2 TLSv1.3\"` under `router.deployment_annotations`; `mvn workflow:fix` writes it.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    static List<String> legacyIn(String protocols) {
        List<String> legacy = new ArrayList<>();
        for (String protocol : protocols.trim().split("\\s+")) {
            if (LEGACY.contains(protocol) && !legacy.contains(protocol)) {
                legacy.add(protocol);
            }
        }
        return Collections.unmodifiableList(legacy);
    }

    @Override
    public void check(CheckContext context, RuleFindings findings) {
        if (Router.replacedByNativeIngress(context)) {
            return;
        }
        String remedy = "; set " + Router.PROTOCOLS + ": \"" + MODERN + "\"";
        EffectiveValues values = context.values();
        if (values != null) {
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
