package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong types and words on the keys the checks read are findings, located at the value. */
class InvalidValueRuleTest {

    @TempDir
    Path dir;

    private CheckResult check(String values) throws Exception {
        return new TestRepo(dir).file("values.yaml", values).values("2.19.0", "values.yaml");
    }

    @Test
    void aStorageThatIsNotABackend() throws Exception {
        Finding finding = Findings.single(check("global:\n  storage: 42\n"), "invalid-value");
        Findings.at(finding, "values.yaml:2:12");
        Findings.says(finding, "global.storage is 42, but it must be one of azure, gcs, minio, s3, swift");
        assertEquals(Severity.ERROR, finding.severity());
    }

    @Test
    void collectionsWhereASingleValueIsRead() throws Exception {
        CheckResult result =
                check("controller:\n  registration_mode: [a]\nmonitor:\n  grafana:\n" + "    allow_sign_up: {x: 1}\n");
        List<Finding> invalid = Findings.of(result, "invalid-value");
        assertEquals(2, invalid.size(), Findings.describe(result));
        Findings.at(invalid.get(0), "values.yaml:2:3");
        Findings.says(invalid.get(0), "controller.registration_mode is a list, but it must be a single value");
        Findings.says(invalid.get(1), "monitor.grafana.allow_sign_up is a mapping");
    }

    @Test
    void aParentThatIsNotAMappingIsReportedOnceAtTheParent() throws Exception {
        Finding finding = Findings.single(check("router: enabled\n"), "invalid-value");
        Findings.at(finding, "values.yaml:1:9");
        Findings.says(finding, "router is a string, not a mapping, so nothing below it");
    }

    @Test
    void annotationsMustBeStringsAndReplicasWholeNumbers() throws Exception {
        CheckResult result = check("router:\n  replicas: two\n  deployment_annotations:\n"
                + "    router.deis.io/nginx.ssl.enforce: [\"true\"]\n");
        List<Finding> invalid = Findings.of(result, "invalid-value");
        assertEquals(2, invalid.size(), Findings.describe(result));
        Findings.says(invalid.get(0), "router.replicas is \"two\", but it must be a whole number of replicas");
        Findings.says(invalid.get(1), "is an annotation, so it must be a string, not a list");
    }

    @Test
    void correctValuesAreNotReported() throws Exception {
        Findings.none(
                check("global:\n  storage: s3\n  grafana_location: off-cluster\n  use_rbac: true\n"
                        + "router:\n  replicas: 3\n  deployment_annotations:\n    a: \"b\"\n  service_annotations:\n"
                        + "controller:\n  registration_mode: admin_only\n"),
                "invalid-value");
    }
}
