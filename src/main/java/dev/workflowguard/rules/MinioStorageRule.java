package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlScalar;

/** `minio-storage`: Workflow's object storage is the in-cluster Minio. */
public final class MinioStorageRule implements Rule {

    static final String ID = "minio-storage";
    private static final String WHY = "Minio runs inside the cluster and is not resilient: when it goes, registry "
            + "images, database backups and logs go with it; use s3, gcs, azure or swift";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.ERROR,
            "with -Dworkflow.fix.storage=<backend>",
            "Object storage is the in-cluster Minio (global.storage: minio, the chart default).",
            "Production Deployments: run Workflow without Minio. " + WHY + ".",
            true,
            true,
            "Set `global.storage` to `s3`, `gcs`, `azure` or `swift` and fill that backend's section with real bucket or container names, with credentials injected at deploy time. `mvn workflow:fix -Dworkflow.fix.storage=s3` writes the backend; `storage-placeholder` then lists the settings still to fill.");

    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(Storage.BACKEND)
            .objects(Storage.MINIO_DEPLOYMENT, Storage.KEYFILE_BACKEND)
            .trace(Trace.keys(Storage.BACKEND))
            .fixes(RuleFix.values(Storage.BACKEND, "the backend given by `-Dworkflow.fix.storage=s3|gcs|azure|swift`")
                    .when("only when one is given"))
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
            Value storage = values.get(Storage.BACKEND.path());
            // A null (or a non-mapping parent) leaves no backend at all; text() would still give the default "minio".
            boolean noBackend = storage.state() == Value.State.DELETED || storage.state() == Value.State.BLOCKED;
            boolean minio = noBackend || "minio".equals(storage.text());
            if (minio) {
                String chosen = context.fixOptions().storage();
                String hint =
                        chosen == null ? "; `mvn workflow:fix -Dworkflow.fix.storage=s3|gcs|azure|swift` sets it" : "";
                String problem =
                        noBackend ? "no object storage backend is left configured; set s3, gcs, azure or swift" : WHY;
                findings.report(
                        "storage",
                        Place.inValues(
                                values.locate(storage),
                                Storage.BACKEND.text(),
                                ValueWords.describe(storage) + ": " + problem + hint),
                        chosen == null ? null : Fixes.set(storage, chosen, false));
            }
        }
        ManifestSet manifests = context.manifests();
        if (manifests != null) {
            for (KubeObject minio : manifests.named("Deployment", Storage.MINIO)) {
                findings.report(
                        "storage",
                        Place.inManifest(
                                minio.location(),
                                minio.ref(),
                                minio.ref() + " is rendered, so object storage is the in-cluster Minio: " + WHY));
            }
            for (KubeObject secret : manifests.named("Secret", Storage.KEYFILE)) {
                YamlEntry annotation = Storage.backendAnnotation(secret);
                if (annotation != null
                        && annotation.value() instanceof YamlScalar backend
                        && "minio".equals(backend.text())) {
                    findings.report(
                            "storage",
                            Place.inManifest(
                                    secret.locationOf(annotation),
                                    secret.ref(),
                                    secret.ref() + " has deis.io/objectstorage: \"minio\": " + WHY));
                }
            }
        }
    }
}
