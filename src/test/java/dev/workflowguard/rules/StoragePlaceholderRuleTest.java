package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `storage-placeholder`: the chosen backend's settings are empty or still the chart's placeholders. */
class StoragePlaceholderRuleTest {

    private static final String RULE = "storage-placeholder";

    @TempDir
    Path dir;

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> causes(CheckResult result) {
        return Findings.of(result, RULE).stream().map(Finding::cause).toList();
    }

    @Test
    void chartPlaceholderBucketIsAnErrorAtTheValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: s3
                s3:
                  region: eu-west-1
                  registry_bucket: "your-registry-bucket-name"
                  database_bucket: acme-db
                  builder_bucket: acme-builder
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:5:20");
        Findings.says(
                finding,
                "s3.registry_bucket is \"your-registry-bucket-name\"",
                "chart's placeholder",
                "registry bucket name",
                "(global.storage is \"s3\")");
        assertEquals(Severity.ERROR, finding.severity());
        assertFalse(finding.fixable(), "a real bucket name needs a person");
    }

    @Test
    void realS3SettingsWithEmptyKeysForTheIamRoleHaveNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: s3
                s3:
                  accesskey: ""
                  secretkey: ""
                  region: eu-west-1
                  registry_bucket: acme-registry
                  database_bucket: acme-db
                  builder_bucket: acme-builder
                """);
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void unsetBucketsAreTheChartPlaceholdersReportedAtTheBackendKeyOfTheLastFile() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: s3
                s3:
                  region: eu-west-1
                """);
        CheckResult result = repo.values("2.19.0", "values.yaml");
        assertEquals(
                List.of("s3.registry_bucket", "s3.database_bucket", "s3.builder_bucket"),
                causes(result),
                Findings.describe(result));
        for (Finding finding : Findings.of(result, RULE)) {
            Findings.at(finding, "values.yaml:3:1");
            Findings.says(finding, "is not set; chart default for Workflow 2.19.0 is \"your-");
        }
    }

    @Test
    void emptyRequiredSettingNeedsARealValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: s3
                s3:
                  region: ""
                  registry_bucket: acme-registry
                  database_bucket: acme-db
                  builder_bucket: acme-builder
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:4:11");
        Findings.says(finding, "s3.region is empty (\"\")", "s3 storage needs a real region");
    }

    @Test
    void placeholderShapedValuesCountAsPlaceholders() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: gcs
                gcs:
                  key_json: ${GCS_KEY_JSON}
                  registry_bucket: <registry bucket>
                  database_bucket: YOUR_DATABASE_BUCKET
                  builder_bucket: acme-builder
                """);
        CheckResult result = repo.values("2.19.0", "values.yaml");
        assertEquals(List.of("gcs.registry_bucket", "gcs.database_bucket"), causes(result), Findings.describe(result));
    }

    @Test
    void collectionWhereAStringBelongsIsReported() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: s3
                s3:
                  region: eu-west-1
                  registry_bucket:
                    - acme-registry
                  database_bucket: acme-db
                  builder_bucket: acme-builder
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:5:3");
        Findings.says(finding, "s3.registry_bucket is a list", "it must be a string");
    }

    @Test
    void minioOrUnsetStorageHasNoBackendSettingsToCheck() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                s3:
                  registry_bucket: your-registry-bucket-name
                """);
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void placeholderInTheBaseFileReplacedByTheOverlayHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values/base.yaml")
                .file("values/prod.yaml", """
                        global:
                          storage: s3
                        s3:
                          registry_bucket: acme-registry
                          database_bucket: acme-db
                          builder_bucket: acme-builder
                        """);
        Findings.none(repo.values("2.19.0", "values/base.yaml", "values/prod.yaml"), RULE);
    }

    @Test
    void placeholderLeftFromTheBaseFilePointsAtTheBaseLine() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values/base.yaml")
                .file("values/prod.yaml", """
                        global:
                          storage: s3
                        s3:
                          registry_bucket: acme-registry
                          database_bucket: acme-db
                        """);
        Finding finding = Findings.single(repo.values("2.19.0", "values/base.yaml", "values/prod.yaml"), RULE);
        Findings.at(finding, "values/base.yaml:40:19");
        Findings.says(finding, "s3.builder_bucket is \"your-builder-bucket-name\"");
    }

    @Test
    void nullInAnOverlayDeletesARequiredSetting() throws Exception {
        TestRepo repo = new TestRepo(dir).file("base.yaml", """
                        global:
                          storage: s3
                        s3:
                          region: eu-west-1
                          registry_bucket: acme-registry
                          database_bucket: acme-db
                          builder_bucket: acme-builder
                        """).file("prod.yaml", """
                        s3:
                          region: null
                        """);
        Finding finding = Findings.single(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
        Findings.at(finding, "prod.yaml:2:11");
        Findings.says(
                finding, "s3.region is set to null, which deletes the chart default", "s3 storage needs a real region");
    }

    @Test
    void azureChartPlaceholdersAreShownBecauseTheyAreNotSecrets() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: azure
                azure:
                  accountname: acmestorage
                  accountkey: "YOUR ACCOUNT KEY"
                  registry_container: registry
                  database_container: database
                  builder_container: builder
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:5:15");
        Findings.says(
                finding,
                "azure.accountkey is \"YOUR ACCOUNT KEY\"",
                "chart's placeholder",
                "not a real credential (global.storage is \"azure\"); it is a secret: take it from a CI secret, never "
                        + "from a committed file, and pass it with `--set azure.accountkey=…` when Helm deploys, and "
                        + "with `-Dworkflow.set=azure.accountkey=…` so that this build sees it");
    }

    @Test
    void placeholderShapedSecretValuesAreNeverShown() throws Exception {
        String secret = "your-key-Zq8Xw3Pm";
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: swift
                swift:
                  username: acme
                  password: "%s"
                  authurl: https://keystone.example.com/v3
                  authversion: "3"
                  tenant: acme
                  registry_container: registry
                  database_container: database
                  builder_container: builder
                """.formatted(secret));
        CheckResult result = repo.values("2.19.0", "values.yaml");
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:5:13");
        Findings.says(finding, "swift.password is set (value not shown)", "placeholder");
        Findings.noMessageContains(result, secret);
        Findings.noMessageContains(result, "Zq8Xw3Pm");
    }

    @Test
    void realSecretsOfEveryBackendNeverAppearInAnyMessage() throws Exception {
        String secret = "Sup3r-S3cret-9f2c7e";
        String[][] backends = {
            {"s3", "s3:\n  secretkey: \"" + secret + "\"\n  accesskey: AKIAEXAMPLE\n"},
            {"azure", "azure:\n  accountkey: \"" + secret + "\"\n"},
            {"gcs", "gcs:\n  key_json: \"" + secret + "\"\n"},
            {"swift", "swift:\n  password: \"" + secret + "\"\n"},
        };
        for (String[] backend : backends) {
            TestRepo repo = new TestRepo(dir)
                    .file(backend[0] + ".yaml", "global:\n  storage: " + backend[0] + "\n" + backend[1]);
            CheckResult result = repo.values("2.19.0", backend[0] + ".yaml");
            // The placeholders of the backend's other settings still fire, so there are messages to look through.
            assertFalse(Findings.of(result, RULE).isEmpty(), backend[0] + ": " + Findings.describe(result));
            Findings.noMessageContains(result, secret);
        }
    }

    @Test
    void renderedKeyfileWhoseDataDecodesToAPlaceholderIsAnErrorAtTheDataValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/workflow.yaml", """
                ---
                # Source: workflow/templates/objectstorage-secret.yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: objectstorage-keyfile
                  annotations:
                    deis.io/objectstorage: "s3"
                type: Opaque
                data:
                  region: %s
                  registry-bucket: %s
                  database-bucket: %s
                  builder-bucket: %s
                """.formatted(
                base64("eu-west-1"), base64("your-registry-bucket-name"), base64("acme-db"), base64("acme-builder")));
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/workflow.yaml:12:20");
        Findings.says(
                finding,
                "Secret/objectstorage-keyfile data \"registry-bucket\" decodes to the chart placeholder "
                        + "\"your-registry-bucket-name\"",
                "s3 storage needs a real registry bucket name");
        assertEquals("Secret/objectstorage-keyfile", finding.primary().object());
    }

    @Test
    void renderedKeyfileWithEmptyStringDataAndHiddenSecretPlaceholder() throws Exception {
        String secret = "<azure-key-Qm7Rt2>";
        TestRepo repo = new TestRepo(dir).file("rendered/workflow.yaml", """
                ---
                # Source: workflow/templates/objectstorage-secret.yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: objectstorage-keyfile
                  annotations:
                    deis.io/objectstorage: azure
                stringData:
                  accountname: ""
                  accountkey: "%s"
                  registry-container: registry
                  database-container: database
                  builder-container: builder
                """.formatted(secret));
        CheckResult result = repo.manifests("rendered");
        assertEquals(List.of("azure.accountname", "azure.accountkey"), causes(result), Findings.describe(result));
        Finding empty = Findings.of(result, RULE).get(0);
        Findings.at(empty, "rendered/workflow.yaml:10:16");
        Findings.says(empty, "stringData \"accountname\" is empty");
        Finding key = Findings.of(result, RULE).get(1);
        Findings.at(key, "rendered/workflow.yaml:11:15");
        // A committed Secret is read as it is: the remedy stays at deploy time, not -Dworkflow.set.
        assertEquals(
                "Secret/objectstorage-keyfile stringData \"accountkey\" is a placeholder: azure storage needs a real "
                        + "credential (inject it at deploy time)",
                key.primary().message());
        Findings.noMessageContains(result, secret);
        Findings.noMessageContains(result, "Qm7Rt2");
    }

    @Test
    void renderedKeyfileWithRealSettingsOrForMinioHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/workflow.yaml", """
                ---
                # Source: workflow/templates/objectstorage-secret.yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: objectstorage-keyfile
                  annotations:
                    deis.io/objectstorage: "s3"
                data:
                  region: %s
                  registry-bucket: %s
                  database-bucket: %s
                  builder-bucket: %s
                ---
                # Source: workflow/templates/objectstorage-secret.yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: objectstorage-keyfile
                  annotations:
                    deis.io/objectstorage: "minio"
                data:
                  accesskey: %s
                """.formatted(
                        base64("eu-west-1"),
                        base64("acme-registry"),
                        base64("acme-db"),
                        base64("acme-builder"),
                        base64("your-access-key")));
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void samePlaceholderInValuesAndRenderIsOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                        global:
                          storage: s3
                        s3:
                          region: eu-west-1
                          registry_bucket: your-registry-bucket-name
                          database_bucket: acme-db
                          builder_bucket: acme-builder
                        """).file("rendered/workflow.yaml", """
                        ---
                        # Source: workflow/templates/objectstorage-secret.yaml
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: objectstorage-keyfile
                          annotations:
                            deis.io/objectstorage: "s3"
                        stringData:
                          registry-bucket: your-registry-bucket-name
                        """);
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:5:20", "rendered/workflow.yaml:10:20");
    }

    @Test
    void onWorkflow28EachComponentReadsItsOwnSettingsAndTopLevelOnesHaveNoEffect() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: s3
                s3:
                  region: eu-west-1
                  registry_bucket: acme-registry
                  database_bucket: acme-db
                  builder_bucket: acme-builder
                """);
        CheckResult result = repo.values("2.8.0", "values.yaml");
        assertEquals(
                List.of("registry.s3.registry_bucket", "database.s3.database_bucket", "builder.s3.builder_bucket"),
                causes(result).stream()
                        .sorted(java.util.Comparator.comparing(cause -> !cause.startsWith("reg")))
                        .toList()
                        .stream()
                        .sorted(java.util.Comparator.comparingInt(cause -> List.of("registry", "database", "builder")
                                .indexOf(cause.substring(0, cause.indexOf('.')))))
                        .toList());
        Finding builder = Findings.of(result, RULE).stream()
                .filter(finding -> finding.cause().equals("builder.s3.builder_bucket"))
                .findFirst()
                .orElseThrow();
        Findings.at(builder, "values.yaml:7:19");
        Findings.says(
                builder,
                "builder.s3.builder_bucket is not set; chart default for Workflow 2.8.0 is \"your-builder-bucket-name\"",
                "chart's placeholder",
                "builder bucket name",
                "s3.builder_bucket has no effect on Workflow 2.8.0, whose builder chart reads builder.s3.builder_bucket");
    }

    @Test
    void onWorkflow28EachComponentsOwnRealSettingsHaveNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: s3
                builder:
                  s3:
                    region: eu-west-1
                    builder_bucket: acme-builder
                registry:
                  s3:
                    region: eu-west-1
                    registry_bucket: acme-registry
                database:
                  s3:
                    region: eu-west-1
                    database_bucket: acme-db
                """);
        Findings.none(repo.values("2.8.0", "values.yaml"), RULE);
    }

    @Test
    void onWorkflow28APlaceholderInAComponentsOwnSettingsIsAnErrorAtThatValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                global:
                  storage: s3
                builder:
                  s3:
                    builder_bucket: acme-builder
                registry:
                  s3:
                    registry_bucket: your-registry-bucket-name
                database:
                  s3:
                    database_bucket: acme-db
                """);
        Finding finding = Findings.single(repo.values("2.8.0", "values.yaml"), RULE);
        assertEquals("registry.s3.registry_bucket", finding.cause());
        Findings.at(finding, "values.yaml:8:22");
        Findings.says(finding, "registry.s3.registry_bucket is \"your-registry-bucket-name\"", "registry bucket name");
        assertFalse(finding.message().contains("no effect"), finding.message());
    }

    @Test
    void onWorkflow28TheRegistrysOwnRenderedSecretIsChecked() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  storage: minio\n")
                .file("rendered/workflow.yaml", """
                ---
                # Source: workflow/charts/registry/templates/registry-storage-secret.yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: registry-storage-keyfile
                  annotations:
                    deis.io/objectstorage: "s3"
                stringData:
                  registry-bucket: your-registry-bucket-name
                """);
        CheckResult result = repo.check(b -> b.workflowVersion("2.8.0").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        assertEquals("registry.s3.registry_bucket", finding.cause());
        Findings.at(finding, "rendered/workflow.yaml:10:20");
        Findings.says(
                finding, "Secret/registry-storage-keyfile stringData \"registry-bucket\"", "registry bucket name");
    }
}
