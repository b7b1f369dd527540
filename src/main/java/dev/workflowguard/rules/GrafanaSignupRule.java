package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlScalar;
import java.util.Optional;

/** `grafana-signup`: anyone can sign up to the cluster's Grafana. */
public final class GrafanaSignupRule implements Rule {

    static final String ID = "grafana-signup";
    static final String PATH = "monitor.grafana.allow_sign_up";
    private static final String WHY =
            "anyone who reaches Grafana can create an account and read the cluster's " + "dashboards";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.ERROR,
            "yes (Workflow 2.14 and later)",
            "Grafana sign-ups are open (monitor.grafana.allow_sign_up true in any spelling, or unset).",
            "Production Deployments: disable sign-ups for the Grafana dashboards; while they are open, " + WHY + ".",
            true,
            true,
            "Set `monitor.grafana.allow_sign_up: \"false\"` (Workflow 2.14 and later); `mvn workflow:fix` writes it. Before 2.14 the key does not exist: upgrade Workflow, or keep Grafana unreachable from outside the cluster.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** True when Grafana runs in the cluster (its rules do not apply to an off-cluster Grafana). */
    static boolean grafanaOnCluster(EffectiveValues values) {
        return !"off-cluster".equals(values.get("global.grafana_location").text());
    }

    @Override
    public void check(CheckContext context, RuleFindings findings) {
        EffectiveValues values = context.values();
        if (values != null && grafanaOnCluster(values)) {
            checkValues(values, findings);
        }
        ManifestSet manifests = context.manifests();
        if (manifests != null) {
            for (KubeObject grafana : manifests.named("Deployment", "deis-monitor-grafana")) {
                for (KubeObject.EnvValue value : grafana.env("ALLOW_SIGN_UP")) {
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
        Value signUp = values.get(PATH);
        Optional<Boolean> atLeast14 = values.version().atLeast(14);
        if (atLeast14.isPresent() && !atLeast14.get()) {
            String what = signUp.isSet()
                    ? PATH + " has no effect on Workflow " + values.version().display()
                    : PATH + " does not exist before Workflow 2.14";
            findings.report(
                    "grafana-signup",
                    Place.inValues(
                            values.locate(signUp),
                            PATH,
                            what
                                    + ": Grafana sign-ups stay open and cannot be turned off through values before 2.14, so "
                                    + WHY
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
                        PATH,
                        ValueWords.describe(signUp) + detail + ": " + WHY + "; set it to \"false\""),
                Fixes.set(signUp, "false", true));
    }
}
