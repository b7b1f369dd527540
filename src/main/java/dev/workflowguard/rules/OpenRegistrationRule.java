package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlScalar;
import java.util.Set;

/** `open-registration`: anyone who can reach the controller can register an account. */
public final class OpenRegistrationRule implements Rule {

    static final String ID = "open-registration";
    private static final ValuesKey MODE = Controller.REGISTRATION_MODE;
    private static final Set<String> CLOSED = Set.of("admin_only", "disabled");
    private static final String WHY = "anyone who can reach the controller URL can register an account and deploy "
            + "apps; use admin_only (or disabled once the admin has registered)";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.ERROR,
            "yes",
            "Registration is open to anyone (controller.registration_mode: enabled, the default up to Workflow 2.11).",
            "Production Deployments: change the registration mode; open registration lets anyone with the URL "
                    + "create an account.",
            true,
            true,
            "Set `controller.registration_mode: admin_only`, or `disabled` once the admin account exists. `mvn workflow:fix` writes it (`-Dworkflow.fix.registrationMode=disabled` for disabled).");

    private static final String FIXED_TO =
            "`admin_only`, or `disabled` with `-Dworkflow.fix.registrationMode=disabled`";
    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(MODE)
            .objects(Controller.MODE_IN_DEPLOYMENT)
            .trace(Trace.keys(MODE))
            .fixes(
                    RuleFix.values(MODE, FIXED_TO),
                    RuleFix.manifest(
                            Controller.MODE_IN_DEPLOYMENT, ObjectField.env(Controller.MODE_VARIABLE), FIXED_TO))
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
        if (values != null) {
            checkValues(context, values, findings);
        }
        ManifestSet manifests = context.manifests();
        if (manifests != null) {
            for (KubeObject controller : manifests.named("Deployment", Controller.DEPLOYMENT)) {
                for (KubeObject.EnvValue value : controller.env(Controller.MODE_VARIABLE)) {
                    YamlEntry env = value.entry();
                    String mode = env.value() instanceof YamlScalar s ? s.text() : "";
                    if (!CLOSED.contains(mode)) {
                        findings.report(
                                "registration",
                                Place.inManifest(
                                        controller.locationOf(env),
                                        controller.ref(),
                                        controller.ref() + " sets REGISTRATION_MODE to \"" + mode + "\""
                                                + (mode.equals("enabled")
                                                        ? ""
                                                        : ", which the controller treats as open")
                                                + ": " + WHY),
                                ManifestFixes.set(
                                        context,
                                        controller,
                                        value.path(),
                                        context.fixOptions().registrationMode(),
                                        false));
                    }
                }
            }
        }
    }

    private void checkValues(CheckContext context, EffectiveValues values, RuleFindings findings) {
        Value mode = values.get(MODE.path());
        // A null deletes the chart default: the controller then gets no mode at all, never a closed one.
        String text = mode.state() == Value.State.DELETED ? null : mode.text();
        if (text != null && CLOSED.contains(text)) {
            return;
        }
        String fixTo = context.fixOptions().registrationMode();
        if (mode.state() == Value.State.UNSET && text == null) {
            // The default depends on a version nobody told us: ask for an explicit setting instead of guessing.
            findings.report(
                    "registration",
                    Place.inValues(
                            values.locate(mode),
                            MODE.text(),
                            ValueWords.describe(mode) + ". Set it explicitly to admin_only or disabled; otherwise "
                                    + WHY),
                    Fixes.set(mode, fixTo, false),
                    Severity.WARNING);
            return;
        }
        String detail = "";
        if (mode.state() == Value.State.DELETED || mode.state() == Value.State.BLOCKED) {
            detail = ", so the controller gets no registration mode instead of admin_only or disabled";
        } else if (text != null && !text.equals("enabled")) {
            detail = ", which is not one of the controller's modes (enabled, disabled, admin_only)";
        }
        findings.report(
                "registration",
                Place.inValues(values.locate(mode), MODE.text(), ValueWords.describe(mode) + detail + ": " + WHY),
                Fixes.set(mode, fixTo, false));
    }
}
