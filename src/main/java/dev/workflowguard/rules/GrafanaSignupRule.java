package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlScalar;

/** `grafana-signup`: anyone can sign up to the cluster's Grafana. */
public final class GrafanaSignupRule implements Rule {

    static final String ID = "grafana-signup";
    private static final ValuesKey SIGN_UP = Grafana.SIGN_UP;
    private static final String WHY =
            "anyone who reaches Grafana can create an account and read the cluster's dashboards";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.ERROR,
            "yes (Workflow 2.14 and later)",
            "Grafana sign-ups are open (monitor.grafana.allow_sign_up true in any spelling, or unset).",
            "Production Deployments: disable sign-ups for the Grafana dashboards; while they are open, " + WHY + ".",
            true,
            true,
            "Set `monitor.grafana.allow_sign_up: \"false\"` (Workflow 2.14 and later); `mvn workflow:fix` writes it. Before 2.14 the key does not exist: upgrade Workflow, or keep Grafana unreachable from outside the cluster.");

    private static final ObjectMatch DEPLOYMENT = Grafana.deployment(Grafana.SIGN_UP_VARIABLE);
    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(Grafana.LOCATION, SIGN_UP)
            .objects(DEPLOYMENT)
            .trace(Trace.keys(SIGN_UP))
            .fixes(
                    RuleFix.values(SIGN_UP, "`\"false\"`, quoted"),
                    RuleFix.manifest(DEPLOYMENT, ObjectField.env(Grafana.SIGN_UP_VARIABLE), "`\"false\"`"))
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
        if (values != null && Grafana.onCluster(values)) {
            checkValues(values, findings);
        }
        ManifestSet manifests = context.manifests();
        if (manifests != null) {
            for (KubeObject grafana : manifests.named("Deployment", Grafana.DEPLOYMENT)) {
                for (KubeObject.EnvValue value : grafana.env(Grafana.SIGN_UP_VARIABLE)) {
                    YamlEntry env = value.entry();
                    String text = env.value() instanceof YamlScalar s ? s.text() : "";
                    if (Truth.iniTrue(text)) {
                        findings.report(
                                "grafana-signup",
                                Place.inManifest(
                                        grafana.locationOf(env),
                                        grafana.ref(),
                                        grafana.ref() + " sets ALLOW_SIGN_UP to \"" + text + "\": " + WHY
                                                + "; set monitor.grafana.allow_sign_up: \"false\" and re-render"),
                                ManifestFixes.set(context, grafana, value.path(), "false", true));
                    }
                }
            }
        }
    }

    private void checkValues(EffectiveValues values, RuleFindings findings) {
        Value signUp = values.get(SIGN_UP.path());
        if (SIGN_UP.missingIn(values.version())) {
            String what = signUp.isSet()
                    ? SIGN_UP + " has no effect on Workflow " + values.version().display()
                    : SIGN_UP + " does not exist before Workflow "
                            + SIGN_UP.since().display();
            findings.report(
                    "grafana-signup",
                    Place.inValues(
                            values.locate(signUp),
                            SIGN_UP.text(),
                            what
                                    + ": Grafana sign-ups stay open and cannot be turned off through values before "
                                    + SIGN_UP.since().display() + ", so " + WHY
                                    + "; upgrade Workflow or keep Grafana unreachable"));
            return;
        }
        String text = signUp.text();
        if (signUp.isSet() && Truth.iniFalse(text)) {
            return;
        }
        String detail = signUp.isSet() && !Truth.iniTrue(text) ? " (not a boolean Grafana reads as false)" : "";
        findings.report(
                "grafana-signup",
                Place.inValues(
                        values.locate(signUp),
                        SIGN_UP.text(),
                        ValueWords.describe(signUp) + detail + ": " + WHY + "; set it to \"false\""),
                Fixes.set(signUp, "false", true));
    }
}
