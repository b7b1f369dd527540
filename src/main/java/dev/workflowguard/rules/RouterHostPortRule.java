package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.HelmType;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;

/** `router-host-port`: the router binds host ports on the nodes, which is meant for minikube. */
public final class RouterHostPortRule implements Rule {

    static final String ID = "router-host-port";
    private static final ValuesKey ENABLED = Router.HOST_PORT;
    private static final String WHY = "host ports are meant for minikube; on real nodes they bypass the load balancer, "
            + "pin one router per node and open the node's own ports";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.WARNING,
            "yes",
            "The router binds host ports (router.host_port.enabled true).",
            "Production Deployments, security considerations: only the documented ports should be public on "
                    + "worker nodes; " + WHY + ".",
            true,
            true,
            "Set `router.host_port.enabled: false`, without quotes (a quoted \"false\" is a non-empty string that chart templates treat as true); `mvn workflow:fix` writes it. In Workflow 2.10 and 2.11 the chart default is true: set it to false explicitly.");

    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(ENABLED)
            .values(Router.NATIVE_INGRESS)
            .objects(Router.deployment(ObjectField.HOST_PORTS))
            .trace(Trace.keys(ENABLED))
            .fixes(RuleFix.values(ENABLED, "`false`, unquoted"))
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
        if (Router.replacedByNativeIngress(context)) {
            return;
        }
        EffectiveValues values = context.values();
        if (values != null) {
            if (!ENABLED.missingIn(values.version())) {
                checkValues(values, findings);
            } else if (bindsHostPortsAlways(values.version())) {
                reportUnswitchedHostPorts(values, findings);
            }
        }
        for (KubeObject router : Router.deployments(context)) {
            for (YamlMap container : router.containers()) {
                if (!(container.get("ports") instanceof YamlList ports)) {
                    continue;
                }
                for (YamlNode port : ports.items()) {
                    if (port instanceof YamlMap map && map.entry("hostPort") != null) {
                        findings.report(
                                "host-port",
                                Place.inManifest(
                                        router.locationOf(map.entry("hostPort")),
                                        router.ref(),
                                        router.ref() + " binds hostPort " + map.get("hostPort") + ": " + WHY + "; "
                                                + remedy(context)));
                    }
                }
            }
        }
    }

    private static void checkValues(EffectiveValues values, RuleFindings findings) {
        Value enabled = values.get(ENABLED.path());
        YamlScalar scalar = enabled.scalar();
        if (scalar != null && scalar.isTemplateTruthy()) {
            String detail = scalar.type() == HelmType.STRING
                    ? " (a non-empty string, which chart templates treat as true; write false without quotes)"
                    : "";
            findings.report(
                    "host-port",
                    Place.inValues(
                            values.locate(enabled), ENABLED.text(), ValueWords.describe(enabled) + detail + ": " + WHY),
                    Fixes.set(enabled, "false", false));
        } else if (enabled.state() == Value.State.UNSET && "true".equals(enabled.text())) {
            // Workflow 2.10 and 2.11 default to host ports: only an explicit false turns them off.
            findings.report(
                    "host-port",
                    Place.inValues(
                            values.locate(enabled),
                            ENABLED.text(),
                            ValueWords.describe(enabled) + ": " + WHY + "; set it to false explicitly"),
                    Fixes.set(enabled, "false", false));
        }
    }

    /**
     * Whether the release's router template binds host ports with no switch at all, as the release table read it
     * (every router chart up to Workflow 2.9.x does); a release without the key and without that fact binds none.
     */
    private static boolean bindsHostPortsAlways(WorkflowVersion version) {
        return WorkflowReleases.bundled()
                .helmRelease(version)
                .flatMap(match -> match.facts().renderedObject("Deployment/" + Router.DEPLOYMENT))
                .map(router -> "always".equals(router.hostPorts()))
                .orElse(false);
    }

    private static void reportUnswitchedHostPorts(EffectiveValues values, RuleFindings findings) {
        Value enabled = values.get(ENABLED.path());
        findings.report(
                "host-port",
                Place.inValues(
                        values.locate(enabled),
                        ENABLED.text(),
                        "the router chart of " + Releases.named(values.version())
                                + " binds host ports on every node and has no values key to turn them off: " + WHY
                                + "; " + Releases.upgradeFor(ENABLED) + ", whose chart can turn them off, or remove "
                                + "the hostPort entries from the deis-router Deployment after every install and "
                                + "upgrade"));
    }

    /** The key where the release has it; a committed render of a release without it is edited by hand. */
    private static String remedy(CheckContext context) {
        return ENABLED.missingIn(context.version())
                ? "remove the hostPort from the router's container ports (" + Releases.named(context.version())
                        + "'s chart has no host port switch)"
                : "set " + ENABLED + ": false";
    }
}
