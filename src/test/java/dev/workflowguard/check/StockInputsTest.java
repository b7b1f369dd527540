package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stock chart's values and render fail with every production recommendation's rule; the overlay passes. */
class StockInputsTest {

    @TempDir
    Path dir;

    @Test
    void stockValuesOfWorkflow211FailWithEverySeedRecommendation() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/stock-values-2.11.yaml", "values.yaml");
        CheckResult result = repo.values("2.11.0", "values.yaml");
        assertTrue(
                Findings.rules(result)
                        .containsAll(List.of(
                                "minio-storage",
                                "open-registration",
                                "grafana-signup",
                                "grafana-default-admin",
                                "single-router",
                                "tls-missing",
                                "tls-not-enforced",
                                "rbac-disabled")),
                Findings.describe(result));
    }

    /** The stock chart has no router replica key: an autoscaler committed beside the values scales the router. */
    @Test
    void productionOverlayPasses() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values/base.yaml")
                .resource("fixtures/production-overlay.yaml", "values/prod.yaml")
                .resource("fixtures/router-hpa.yaml", "manifests/router-hpa.yaml");
        CheckResult result = repo.check(b -> b.workflowVersion("2.19.0")
                .values("values/base.yaml", "values/prod.yaml")
                .manifests("manifests"));
        assertEquals(List.of(), Findings.rules(result), Findings.describe(result));
    }

    @Test
    void stockRender() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/rendered-stock-2.19.yaml", "rendered/workflow.yaml");
        CheckResult result = repo.manifests("rendered");
        assertTrue(
                Findings.rules(result)
                        .containsAll(List.of(
                                "minio-storage",
                                "grafana-signup",
                                "grafana-default-admin",
                                "single-router",
                                "tls-missing",
                                "tls-not-enforced",
                                "rbac-disabled")),
                Findings.describe(result));
    }

    @Test
    void stockValuesAndRenderTogether() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values.yaml")
                .resource("fixtures/rendered-stock-2.19.yaml", "rendered/workflow.yaml");
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        // One finding per cause, at the values line first and then at the rendered object.
        Findings.at(Findings.single(result, "single-router"), "values.yaml:77:1", "rendered/workflow.yaml:92:13");
        Findings.at(Findings.single(result, "grafana-signup"), "values.yaml:67:3", "rendered/workflow.yaml:184:22");
        Findings.at(Findings.single(result, "rbac-disabled"), "values.yaml:25:13", "rendered/workflow.yaml:6:9");
        Findings.none(result, "stale-render");
        Findings.none(result, "open-registration");
    }
}
