package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlScalar;
import java.util.Optional;
import java.util.function.Supplier;

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
            "Grafana sign-ups are open (monitor.grafana.allow_sign_up true in any spelling, or unset; a Grafana "
                    + "Deployment that sets ALLOW_SIGN_UP true, or none at all, which Workflow's Grafana image reads as "
                    + "true).",
            "Production Deployments: disable sign-ups for the Grafana dashboards; while they are open, " + WHY + ".",
            true,
            true,
            "Set `monitor.grafana.allow_sign_up: \"false\"` (Workflow 2.14 and later); `mvn workflow:fix` writes it. Before 2.14 the key does not exist and the chart sets no `ALLOW_SIGN_UP`, which Grafana's image then defaults to `true`: run `kubectl --namespace=deis set env deployment/deis-monitor-grafana ALLOW_SIGN_UP=false` after every install and upgrade (the next `helm upgrade` undoes it), or upgrade to Workflow 2.14 or later; `mvn workflow:fix` writes nothing there.");

    private static final ObjectMatch DEPLOYMENT = Grafana.deployment(Grafana.SIGN_UP_VARIABLE);
    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(Grafana.LOCATION, SIGN_UP)
            .objects(DEPLOYMENT)
            .trace(Trace.keys(SIGN_UP))
            .fixes(
                    RuleFix.values(SIGN_UP, "`\"false\"`, quoted"),
                    RuleFix.manifest(DEPLOYMENT, ObjectField.env(Grafana.SIGN_UP_VARIABLE), "`\"false\"`"))
            .build();

    /** The release table the image defaults come from. */
    private final Supplier<WorkflowReleases> releases;

    /** The rule as the catalogue runs it, with the bundled release table (read on first use). */
    public GrafanaSignupRule() {
        this.releases = WorkflowReleases::bundled;
    }

    /** The rule with another release table (a test's own). */
    public GrafanaSignupRule(WorkflowReleases releases) {
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
            checkValues(values, findings);
        }
        ManifestSet manifests = context.manifests();
        if (manifests != null) {
            for (KubeObject grafana : manifests.named("Deployment", Grafana.DEPLOYMENT)) {
                if (grafana.declaresEnv(Grafana.SIGN_UP_VARIABLE)) {
                    checkSetting(context, grafana, findings);
                } else {
                    checkLeftOut(context, grafana, findings);
                }
            }
        }
    }

    private void checkSetting(CheckContext context, KubeObject grafana, RuleFindings findings) {
        for (KubeObject.EnvValue value : grafana.env(Grafana.SIGN_UP_VARIABLE)) {
            YamlEntry env = value.entry();
            String text = env.value() instanceof YamlScalar s ? s.text() : "";
            if (Truth.iniTrue(text)) {
                findings.report(
                        ID,
                        Place.inManifest(
                                grafana.locationOf(env),
                                grafana.ref(),
                                grafana.ref() + " sets ALLOW_SIGN_UP to \"" + text + "\": " + WHY + "; "
                                        + renderedRemedy(context.version(), true)),
                        ManifestFixes.set(context, grafana, value.path(), "false", true));
            }
        }
    }

    /**
     * A Deployment that sets no `ALLOW_SIGN_UP` (every Workflow before 2.14): Grafana's image then applies its own
     * default, which the release table read. The place is the container's `env:` list (where the variable would
     * go), else the object; on a chart's render, provenance moves it to the values line of a key that controls the
     * list, else to the template line that writes it. No in-place edit: a variable would have to be added to the
     * list, which the manifest editor does not do.
     */
    private void checkLeftOut(CheckContext context, KubeObject grafana, RuleFindings findings) {
        Optional<Grafana.ImageDefault> image =
                Grafana.imageDefault(releases.get(), context.version(), Grafana.SIGN_UP_VARIABLE);
        if (image.isEmpty() || !Truth.iniTrue(image.get().value())) {
            return;
        }
        YamlEntry env = grafana.firstEnvEntry();
        findings.report(
                ID,
                Place.inManifest(
                        env != null ? grafana.locationOf(env) : grafana.location(),
                        grafana.ref(),
                        grafana.ref() + " sets no ALLOW_SIGN_UP, and "
                                + image.get().source() + " then defaults it to \""
                                + image.get().value() + "\" (allow_sign_up = {{ default \""
                                + image.get().value()
                                + "\" .ALLOW_SIGN_UP }} in its grafana.ini): " + WHY + "; "
                                + renderedRemedy(context.version(), false)));
    }

    /**
     * What to do about a render that opens sign-ups, in the words of the release: its values key, or kubectl where
     * it has none. Without a known release, a template that sets the variable is one that has the key (2.14 on);
     * one that leaves it out may be older, so both ways are given.
     */
    private static String renderedRemedy(WorkflowVersion version, boolean templateSetsIt) {
        if (SIGN_UP.missingIn(version)) {
            return "Workflow " + version.display() + " has no values key for it: " + Grafana.SET_ENV_REMEDY;
        }
        if (!version.isKnown() && !templateSetsIt) {
            return "on Workflow " + SIGN_UP.since().display() + " and later set " + SIGN_UP
                    + ": \"false\" and re-render; before " + SIGN_UP.since().display() + " no values key exists: "
                    + Grafana.SET_ENV_REMEDY;
        }
        return "set " + SIGN_UP + ": \"false\" and re-render";
    }

    private void checkValues(EffectiveValues values, RuleFindings findings) {
        Value signUp = values.get(SIGN_UP.path());
        if (SIGN_UP.missingIn(values.version())) {
            // The key is named only where a file sets it: the remedy never names a key the release lacks.
            String what = signUp.isSet()
                    ? SIGN_UP + " has no effect on Workflow " + values.version().display()
                    : "Workflow " + values.version().display() + " has no values key that closes Grafana sign-ups";
            // No values fix: writing the key would change nothing the chart renders.
            findings.report(
                    ID,
                    Place.inValues(
                            values.locate(signUp),
                            SIGN_UP.text(),
                            what + ": the chart sets no ALLOW_SIGN_UP, Grafana's image then opens sign-ups, and they "
                                    + "cannot be turned off through values before "
                                    + SIGN_UP.since().display()
                                    + ", so " + WHY + "; " + Grafana.SET_ENV_REMEDY));
            return;
        }
        String text = signUp.text();
        if (signUp.isSet() && Truth.iniFalse(text)) {
            return;
        }
        String detail = signUp.isSet() && !Truth.iniTrue(text) ? " (not a boolean Grafana reads as false)" : "";
        findings.report(
                ID,
                Place.inValues(
                        values.locate(signUp),
                        SIGN_UP.text(),
                        ValueWords.describe(signUp) + detail + ": " + WHY + "; set it to \"false\""),
                Fixes.set(signUp, "false", true));
    }
}
