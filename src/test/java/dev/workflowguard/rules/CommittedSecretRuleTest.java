package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `committed-secret`: a credential is written into a committed file; the value is never printed. */
class CommittedSecretRuleTest {

    private static final String RULE = "committed-secret";
    private static final String SECRET = "Xq7-pl4Nt3d-S3cr3t";

    @TempDir
    Path dir;

    /**
     * The dotted path as nested YAML, two spaces per level, with the value on the last line: the value of
     * {@code a.b.c} is on line 3 at column 4 + "c".length() + 3.
     */
    private static String nested(String dottedPath, String value) {
        String[] keys = dottedPath.split("\\.");
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            yaml.append("  ".repeat(i)).append(keys[i]).append(':');
            yaml.append(i == keys.length - 1 ? " " + value + "\n" : "\n");
        }
        return yaml.toString();
    }

    private static String location(String file, String dottedPath) {
        String[] keys = dottedPath.split("\\.");
        int depth = keys.length;
        return file + ":" + depth + ":" + (2 * (depth - 1) + keys[depth - 1].length() + 3);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "s3.accesskey",
                "s3.secretkey",
                "azure.accountkey",
                "gcs.key_json",
                "swift.password",
                "database.password",
                "database.postgres.password",
                "redis.password",
                "monitor.grafana.password",
                "monitor.influxdb.password",
                "registry-token-refresher.ecr.secretkey",
                "registry-token-refresher.gcr.password"
            })
    void literalCredentialIsAWarningAtTheValueThatNeverShowsIt(String path) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", nested(path, "\"" + SECRET + "\""));
        CheckResult result = repo.values("2.19.0", "values.yaml");
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, location("values.yaml", path));
        Findings.says(
                finding,
                path + " holds a literal credential in a committed file (value not shown): anyone with read access "
                        + "to the repository has it; rotate it, remove it from the file and take it from a CI secret (or "
                        + "an external secret store): pass it with `--set " + path + "=…` when Helm deploys, and with "
                        + "`-Dworkflow.set=" + path + "=…` so that this build sees it");
        assertEquals(path, finding.primary().valuesPath());
        assertEquals(Severity.WARNING, finding.severity());
        assertFalse(finding.fixable());
        Findings.noMessageContains(result, SECRET);
    }

    @Test
    void plainNumberIsALiteralCredentialToo() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", nested("redis.password", "31415926"));
        CheckResult result = repo.values("2.19.0", "values.yaml");
        Findings.at(Findings.single(result, RULE), "values.yaml:2:13");
        Findings.noMessageContains(result, "31415926");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"\"",
                "\"${S3_SECRET_KEY}\"",
                "\"{{ requiredEnv \\\"S3_SECRET\\\" }}\"",
                "vault:secret/data/workflow#s3",
                "ref+awsssm://prod/workflow/s3",
                "\"<your secret key>\"",
                "secretref:workflow-s3",
                "ENC[AES256_GCM,data:Zm9v,type:str]",
                "\"database password\"",
                "password",
                "changeme",
                "null"
            })
    void emptyPlaceholderReferenceOrStandInValuesAreNotSecrets(String value) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", nested("s3.secretkey", value));
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void stockValuesHoldNoSecrets() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/stock-values-2.19.yaml", "values.yaml");
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void grafanaDefaultAdminIsLeftToItsOwnRule() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", nested("monitor.grafana.password", "admin"));
        CheckResult result = repo.values("2.19.0", "values.yaml");
        Findings.none(result, RULE);
        Findings.single(result, "grafana-default-admin");
    }

    @Test
    void nonCredentialKeysAreNotSecrets() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                s3:
                  region: eu-west-1
                  registry_bucket: acme-registry
                database:
                  postgres:
                    username: workflow
                    host: db.internal
                """);
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void secretInTheBaseFileIsReportedEvenWhenTheOverlayReplacesIt() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", nested("s3.secretkey", SECRET))
                .file("prod.yaml", nested("s3.secretkey", "\"${S3_SECRET_KEY}\""));
        CheckResult result = repo.values("2.19.0", "base.yaml", "prod.yaml");
        Findings.at(Findings.single(result, RULE), "base.yaml:2:14");
        Findings.noMessageContains(result, SECRET);
    }

    @Test
    void secretsInTwoFilesAreTwoFindings() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", nested("s3.secretkey", SECRET))
                .file("prod.yaml", nested("s3.secretkey", SECRET + "-prod"));
        CheckResult result = repo.values("2.19.0", "base.yaml", "prod.yaml");
        List<Finding> findings = Findings.of(result, RULE);
        assertEquals(2, findings.size(), Findings.describe(result));
        Findings.at(findings.get(0), "base.yaml:2:14");
        Findings.at(findings.get(1), "prod.yaml:2:14");
        Findings.noMessageContains(result, SECRET);
    }

    @Test
    void literalStringDataInACommittedSecretIsAWarningAtTheFirstLiteral() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/secrets.yaml", """
                ---
                # Source: platform/objectstorage-creds.yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: objectstorage-creds
                type: Opaque
                stringData:
                  accesskey: "${S3_ACCESS_KEY}"
                  secretkey: "%s"
                  session-token: "%s-token"
                """.formatted(SECRET, SECRET));
        CheckResult result = repo.manifests("rendered");
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "rendered/secrets.yaml:10:14");
        Findings.says(
                finding,
                "Secret/objectstorage-creds has literal stringData for secretkey, session-token "
                        + "(values not shown) in a committed manifest");
        assertEquals("Secret/objectstorage-creds", finding.primary().object());
        assertEquals(Severity.WARNING, finding.severity());
        Findings.noMessageContains(result, SECRET);
    }

    @Test
    void secretsWithOnlyDataOrReferencesHaveNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/secrets.yaml", """
                ---
                # Source: workflow/templates/objectstorage-secret.yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: objectstorage-keyfile
                data:
                  secretkey: cFpMOWlHSHVDc0tkcVN0eGtVQU1xZ2I5V1hROHBqb1plWmV2MWFtVw==
                ---
                # Source: platform/grafana-admin.yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: grafana-admin
                stringData:
                  password: "${GRAFANA_ADMIN_PASSWORD}"
                """);
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void noFindingOfAnyRuleShowsAPlantedSecret() throws Exception {
        String[] secrets = {
            "s3-KEY-a1b2c3d4",
            "s3-SECRET-e5f6g7h8",
            "azure-KEY-i9j0k1",
            "gcs-JSON-l2m3n4",
            "swift-PW-o5p6q7",
            "db-PW-r8s9t0",
            "pg-PW-u1v2w3",
            "redis-PW-x4y5z6",
            "grafana-PW-a7b8c9",
            "influx-PW-d0e1f2",
            "ecr-SK-g3h4i5",
            "gcr-PW-j6k7l8"
        };
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", """
                        global:
                          storage: s3
                        s3:
                          accesskey: "%s"
                          secretkey: "%s"
                          registry_bucket: your-registry-bucket-name
                        azure:
                          accountkey: "%s"
                        gcs:
                          key_json: "%s"
                        swift:
                          password: "%s"
                        database:
                          password: "%s"
                          postgres:
                            password: "%s"
                        redis:
                          password: "%s"
                        monitor:
                          grafana:
                            password: "%s"
                            password: "%s-again"
                          influxdb:
                            password: "%s"
                        registry-token-refresher:
                          ecr:
                            secretkey: "%s"
                          gcr:
                            password: "%s"
                        """.formatted((Object[]) new String[] {
                    secrets[0],
                    secrets[1],
                    secrets[2],
                    secrets[3],
                    secrets[4],
                    secrets[5],
                    secrets[6],
                    secrets[7],
                    secrets[8],
                    secrets[8],
                    secrets[9],
                    secrets[10],
                    secrets[11]
                }))
                .file("rendered/secrets.yaml", """
                        ---
                        # Source: workflow/templates/objectstorage-secret.yaml
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: objectstorage-keyfile
                          annotations:
                            deis.io/objectstorage: "s3"
                        stringData:
                          accesskey: "%s"
                          secretkey: "%s"
                          registry-bucket: your-registry-bucket-name
                        """.formatted(secrets[0], secrets[1]));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        // Several rules speak about these keys: the secrets themselves, the placeholder bucket, the repeated key.
        assertFalse(Findings.of(result, RULE).isEmpty(), Findings.describe(result));
        assertFalse(Findings.of(result, "storage-placeholder").isEmpty(), Findings.describe(result));
        assertFalse(Findings.of(result, "duplicate-key").isEmpty(), Findings.describe(result));
        for (String secret : secrets) {
            Findings.noMessageContains(result, secret);
        }
    }
}
