package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlScalar;

/** `grafana-default-admin`: Grafana's admin password is the well-known default. */
public final class GrafanaDefaultAdminRule implements Rule {

    static final String ID = "grafana-default-admin";
    static final String PATH = "monitor.grafana.password";
    private static final String WHY = "Grafana's admin account then opens with the well-known admin/admin; inject a "
            + "real password at deploy time (it is a secret: do not commit it)";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.ERROR,
            "no",
            "Grafana's admin password is unset, empty or the default \"admin\".",
            "Production Deployments: change Grafana's default admin credentials; admin/admin is the first thing "
                    + "anyone tries, and the Grafana admin sees every metric of every app.",
            true,
            true,
            "Inject a strong `monitor.grafana.password` at deploy time (`--set monitor.grafana.password=$GRAFANA_PASSWORD` from a CI secret, or an external secret store); never commit it to the values files.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(CheckContext context, RuleFindings findings) {
        EffectiveValues values = context.values();
        if (values != null && GrafanaSignupRule.grafanaOnCluster(values)) {
            Value password = values.get(PATH);
            String text = password.text();
            if (text == null || text.isEmpty() || text.equals("admin")) {
                String said;
                if (password.state() == Value.State.SET) {
                    said = text == null
                            ? PATH + " is " + password.node().describeType()
                            : text.isEmpty() ? PATH + " is empty" : PATH + " is the chart default \"admin\"";
                } else {
                    said = ValueWords.describe(password);
                }
                findings.report("grafana-admin", Place.inValues(values.locate(password), PATH, said + ": " + WHY));
            }
        }
        ManifestSet manifests = context.manifests();
        if (manifests != null) {
            for (KubeObject grafana : manifests.named("Deployment", "deis-monitor-grafana")) {
                for (YamlEntry env : grafana.envValues("DEFAULT_USER_PASSWORD")) {
                    String text = env.value() instanceof YamlScalar s ? s.text() : "";
                    if (text.isEmpty() || text.equals("admin")) {
                        findings.report(
                                "grafana-admin",
                                Place.inManifest(
                                        grafana.locationOf(env),
                                        grafana.ref(),
                                        grafana.ref() + " sets DEFAULT_USER_PASSWORD to "
                                                + (text.isEmpty() ? "an empty value" : "the default \"admin\"") + ": "
                                                + WHY));
                    }
                }
            }
        }
    }
}
