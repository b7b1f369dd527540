package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.SetValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlScalar;
import java.util.Optional;
import java.util.function.Supplier;

/** `grafana-default-admin`: Grafana's admin password is the well-known default. */
public final class GrafanaDefaultAdminRule implements Rule {

    static final String ID = "grafana-default-admin";
    private static final ValuesKey PASSWORD = Grafana.PASSWORD;
    private static final String WHY = "Grafana's admin account then opens with the well-known admin/admin";
    /**
     * What to do, for a value the check reads from the values files or the chart's render: a secret the repository
     * must not hold, so the deploy and this build both get it from the CI's secrets (the build masks it everywhere).
     */
    private static final String FROM_CI = "take a real password from a CI secret, never from a committed file, and "
            + SecretFromCi.remedy(PASSWORD.text());
    /** What to do about a committed render: the build reads the file as it is, so no -Dworkflow.set changes it. */
    private static final String COMMITTED = "render it with a real password from a CI secret (`--set "
            + PASSWORD.text() + "=…`) instead of committing a render with the default; with <chart>, this build "
            + "renders the chart itself and sees the password given as `-Dworkflow.set=" + PASSWORD.text() + "=…`";

    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.ERROR,
            "no",
            "Grafana's admin password is unset, empty or the default \"admin\".",
            "Production Deployments: change Grafana's default admin credentials; admin/admin is the first thing "
                    + "anyone tries, and the Grafana admin sees every metric of every app.",
            true,
            true,
            "Give `monitor.grafana.password` a strong password from a CI secret (or an external secret store), never in the values files: `--set monitor.grafana.password=\"$GRAFANA_PASSWORD\"` when Helm deploys, and `-Dworkflow.set=monitor.grafana.password=\"$GRAFANA_PASSWORD\"` so that the build sees it too (the value is never shown in the log, the reports or the diff). README's *Secrets from CI* shows it for GitHub Actions and GitLab CI.");

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

    /** An empty `--set` value most often comes from a CI secret this job does not get (a fork's pull request). */
    private static final String EMPTY_FROM_SET =
            " (given by --set: is the CI secret it comes from defined for this job? Forks' pull requests get none)";

    private static boolean fromSet(Value value) {
        return value.entry() != null && value.entry().file().displayName().equals(SetValues.DISPLAY_NAME);
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
                            : text.isEmpty()
                                    ? PASSWORD + " is empty" + (fromSet(password) ? EMPTY_FROM_SET : "")
                                    : PASSWORD + " is the chart default \"admin\"";
                } else {
                    said = ValueWords.describe(password);
                }
                findings.report(
                        "grafana-admin",
                        Place.inValues(values.locate(password), PASSWORD.text(), said + ": " + WHY + "; " + FROM_CI));
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
                                                + WHY + "; " + remedy(context, grafana)));
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
                                + WHY + "; " + remedy(context, grafana)));
    }

    /** The chart's fresh render changes with `-Dworkflow.set`; a committed render does not. */
    private static String remedy(CheckContext context, KubeObject grafana) {
        return ManifestFixes.isRendered(context, grafana) ? FROM_CI : COMMITTED;
    }
}
