package dev.workflowguard.rules;

import dev.workflowguard.finding.Location;
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
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * `stale-render`: the committed render disagrees with the values on the settings that matter most
 * (storage backend, registration mode, Grafana sign-up), so what is deployed is not what was
 * reviewed.
 */
public final class StaleRenderRule implements Rule {

    static final String ID = "stale-render";
    private static final String REMEDY = "the committed render is out of date; render it again from these values "
            + "(helm template) and commit the result";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.ERROR,
            "no",
            "Committed rendered manifests disagree with the values on storage backend, registration mode or "
                    + "Grafana sign-up.",
            "GitOps applies the committed render, not the values: when they disagree, the production settings "
                    + "reviewed in the values are not the ones deployed.",
            false,
            true,
            "Render the chart again with the same values (`helm template deis charts/workflow -f values/base.yaml -f values/production.yaml`) and commit the result; or configure `<chart>` so the plugin renders the chart itself and compares.");

    /** The committed Workflow objects, compared with a fresh render on the fields {@link RenderedFact} reads. */
    private static final ObjectMatch COMMITTED_WORKLOADS = ObjectMatch.prefixed("deis", KubeObject.WORKLOAD_KINDS)
            .reading(
                    ObjectField.ANNOTATIONS,
                    ObjectField.of("spec.replicas"),
                    ObjectField.CONTAINER_NAMES,
                    ObjectField.IMAGES,
                    ObjectField.HOST_PORTS,
                    ObjectField.env(Controller.MODE_VARIABLE),
                    ObjectField.env(Grafana.SIGN_UP_VARIABLE));

    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(Storage.BACKEND, Controller.REGISTRATION_MODE, Grafana.LOCATION, Grafana.SIGN_UP)
            .objects(
                    Storage.KEYFILE_BACKEND,
                    Storage.MINIO_DEPLOYMENT,
                    Controller.MODE_IN_DEPLOYMENT,
                    Grafana.deployment(Grafana.SIGN_UP_VARIABLE),
                    COMMITTED_WORKLOADS)
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
        if (context.rendered() != null && context.committed() != null) {
            // A fresh render is the truth the committed one must match, field by field.
            compareWithRender(context.rendered(), context.committed(), findings);
            return;
        }
        if (!context.hasValues() || !context.hasManifests()) {
            return;
        }
        EffectiveValues values = context.values();
        ManifestSet manifests = context.manifests();
        checkStorage(values, manifests, findings);
        checkRegistration(values, manifests, findings);
        if (Grafana.onCluster(values) && !Grafana.SIGN_UP.missingIn(values.version())) {
            checkGrafana(values, manifests, findings);
        }
    }

    private void compareWithRender(ManifestSet rendered, ManifestSet committed, RuleFindings findings) {
        for (KubeObject old : committed.objects()) {
            KubeObject fresh = rendered.first(old.kind(), old.name());
            if (fresh == null) {
                if (old.is("Deployment", Storage.MINIO)) {
                    findings.report(
                            "render:" + old.ref(),
                            Place.inManifest(
                                    old.location(),
                                    old.ref(),
                                    old.ref()
                                            + " is committed but a fresh render of the chart with these values has no in-cluster Minio: "
                                            + REMEDY));
                }
                continue;
            }
            Map<String, RenderedFact> before = RenderedFact.of(old);
            Map<String, RenderedFact> after = RenderedFact.of(fresh);
            Set<String> keys = new TreeSet<>(before.keySet());
            keys.addAll(after.keySet());
            for (String key : keys) {
                RenderedFact was = before.get(key);
                RenderedFact is = after.get(key);
                String wasText = was == null ? null : was.value();
                String isText = is == null ? null : is.value();
                if (!Objects.equals(wasText, isText)) {
                    Location at = was != null ? was.location() : old.location();
                    findings.report(
                            "render:" + old.ref() + ":" + key,
                            Place.inManifest(
                                    at,
                                    old.ref(),
                                    old.ref() + " "
                                            + key + " is " + shown(wasText) + " in the committed render but "
                                            + shown(isText)
                                            + " in a fresh render of the chart with these values: " + REMEDY));
                }
            }
        }
        if (rendered.contains("Deployment", Storage.MINIO)
                && committed.objects().stream().anyMatch(object -> object.name().startsWith("deis-"))
                && !committed.contains("Deployment", Storage.MINIO)) {
            KubeObject secret = committed.first("Secret", Storage.KEYFILE);
            if (secret != null) {
                findings.report(
                        "render:minio",
                        Place.inManifest(
                                secret.location(),
                                secret.ref(),
                                "a fresh render "
                                        + "of the chart with these values runs the in-cluster Minio, but the committed render has no "
                                        + "Deployment/deis-minio: " + REMEDY));
            }
        }
    }

    private static String shown(String value) {
        return value == null ? "absent" : "\"" + value + "\"";
    }

    private void checkStorage(EffectiveValues values, ManifestSet manifests, RuleFindings findings) {
        Value storage = values.get(Storage.BACKEND.path());
        String backend = storage.text();
        if (backend == null || storage.state() == Value.State.DELETED) {
            return;
        }
        for (KubeObject secret : manifests.named("Secret", Storage.KEYFILE)) {
            YamlEntry annotation = Storage.backendAnnotation(secret);
            if (annotation != null
                    && annotation.value() instanceof YamlScalar rendered
                    && !rendered.text().equals(backend)) {
                report(
                        findings,
                        "storage",
                        secret,
                        secret.locationOf(annotation),
                        "has deis.io/objectstorage: \"" + rendered.text() + "\"",
                        values,
                        storage);
            }
        }
        if (!backend.equals("minio")) {
            for (KubeObject minio : manifests.named("Deployment", Storage.MINIO)) {
                report(
                        findings,
                        "storage",
                        minio,
                        minio.location(),
                        "is rendered (in-cluster Minio storage)",
                        values,
                        storage);
            }
        }
    }

    private void checkRegistration(EffectiveValues values, ManifestSet manifests, RuleFindings findings) {
        Value mode = values.get(Controller.REGISTRATION_MODE.path());
        String expected = mode.text();
        if (expected == null || mode.state() == Value.State.DELETED) {
            return;
        }
        for (KubeObject controller : manifests.named("Deployment", Controller.DEPLOYMENT)) {
            for (YamlEntry env : controller.envValues(Controller.MODE_VARIABLE)) {
                String rendered = env.value() instanceof YamlScalar s ? s.text() : "";
                if (!rendered.equals(expected)) {
                    report(
                            findings,
                            "registration",
                            controller,
                            controller.locationOf(env),
                            "sets REGISTRATION_MODE to \"" + rendered + "\"",
                            values,
                            mode);
                }
            }
        }
    }

    private void checkGrafana(EffectiveValues values, ManifestSet manifests, RuleFindings findings) {
        Value signUp = values.get(Grafana.SIGN_UP.path());
        String expected = signUp.text();
        if (expected == null || signUp.state() == Value.State.DELETED) {
            return;
        }
        boolean open = !Truth.iniFalse(expected);
        for (KubeObject grafana : manifests.named("Deployment", Grafana.DEPLOYMENT)) {
            for (YamlEntry env : grafana.envValues(Grafana.SIGN_UP_VARIABLE)) {
                String rendered = env.value() instanceof YamlScalar s ? s.text() : "";
                if ((Truth.iniTrue(rendered) && !open) || (Truth.iniFalse(rendered) && open)) {
                    report(
                            findings,
                            "grafana-signup",
                            grafana,
                            grafana.locationOf(env),
                            "sets ALLOW_SIGN_UP to \"" + rendered + "\"",
                            values,
                            signUp);
                }
            }
        }
    }

    private void report(
            RuleFindings findings,
            String cause,
            KubeObject object,
            Location at,
            String what,
            EffectiveValues values,
            Value value) {
        Location valuesAt = values.locate(value);
        String said = value.isSet()
                ? value.path() + " is \"" + value.text() + "\" (" + valuesAt + ")"
                : ValueWords.describe(value);
        findings.report(
                cause, Place.inManifest(at, object.ref(), object.ref() + " " + what + " but " + said + ": " + REMEDY));
        if (value.isSet()) {
            findings.report(
                    cause,
                    Place.inValues(
                            valuesAt,
                            value.path().toString(),
                            ValueWords.describe(value) + " but the committed render (" + object.ref() + ", " + at
                                    + ") does not match: " + REMEDY));
        }
    }
}
