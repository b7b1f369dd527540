package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlScalar;
import java.util.Optional;
import java.util.function.Supplier;

/** `grafana-default-admin`: Grafana's admin password is the well-known default. */
public final class GrafanaDefaultAdminRule implements Rule {

    static final String ID = "grafana-default-admin";
    private static final ValuesKey PASSWORD = Grafana.PASSWORD;
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

    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(Grafana.LOCATION, PASSWORD)
            .objects(Grafana.deployment(Grafana.PASSWORD_VARIABLE))
            .trace(Trace.keys(PASSWORD))
            .build();

    /** The release table the image defaults come from. */
    private final Supplier<WorkflowReleases> releases;

    /** The rule as the catalogue runs it, with the bundled release table (read on first use). */
    public GrafanaDefaultAdminRule() {
        this.releases = WorkflowReleases::bundled;
    }

    /** The rule with another release table (a test's own). */
    public GrafanaDefaultAdminRule(WorkflowReleases releases) {
        this.releases = () -> releases;
    }

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
            Value password = values.get(PASSWORD.path());
            String text = password.text();
            if (text == null || text.isEmpty() || text.equals("admin")) {
                String said;
                if (password.state() == Value.State.SET) {
                    said = text == null
                            ? PASSWORD + " is " + password.node().describeType()
                            : text.isEmpty() ? PASSWORD + " is empty" : PASSWORD + " is the chart default \"admin\"";
                } else {
                    said = ValueWords.describe(password);
                }
                findings.report(
                        "grafana-admin", Place.inValues(values.locate(password), PASSWORD.text(), said + ": " + WHY));
            }
        }
        ManifestSet manifests = context.manifests();
        if (manifests != null) {
            for (KubeObject grafana : manifests.named("Deployment", Grafana.DEPLOYMENT)) {
                if (!grafana.declaresEnv(Grafana.PASSWORD_VARIABLE)) {
                    checkLeftOut(context, grafana, findings);
                }
                for (YamlEntry env : grafana.envValues(Grafana.PASSWORD_VARIABLE)) {
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

    /**
     * A Deployment that sets no `DEFAULT_USER_PASSWORD`: as for `ALLOW_SIGN_UP` (grafana-signup), the image's own
     * default applies, when the release table read one for it.
     */
    private void checkLeftOut(CheckContext context, KubeObject grafana, RuleFindings findings) {
        Optional<Grafana.ImageDefault> image =
                Grafana.imageDefault(releases.get(), context.version(), Grafana.PASSWORD_VARIABLE);
        String text = image.map(Grafana.ImageDefault::value).orElse(null);
        if (text == null || !(text.isEmpty() || text.equals("admin"))) {
            return;
        }
        YamlEntry env = grafana.firstEnvEntry();
        findings.report(
                "grafana-admin",
                Place.inManifest(
                        env != null ? grafana.locationOf(env) : grafana.location(),
                        grafana.ref(),
                        grafana.ref() + " sets no DEFAULT_USER_PASSWORD, and "
                                + image.get().source()
                                + " then defaults it to " + (text.isEmpty() ? "an empty value" : "\"admin\"") + ": "
                                + WHY));
    }
}
