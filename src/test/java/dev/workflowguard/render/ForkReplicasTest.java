package dev.workflowguard.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.fix.Fixer;
import dev.workflowguard.fix.SafeWriter;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `single-router` on a chart that exposes the router's replica count, as Workflow forks do
 * (src/test/resources/charts/workflow-fork): a re-render proves the key controls spec.replicas, so
 * the finding names the key, and `workflow:fix` sets it to 2. The stock chart, which hard-codes one
 * replica, keeps today's message and is not fixable.
 */
class ForkReplicasTest {

    private static final String RULE = "single-router";
    private static final String TEMPLATE = "charts/workflow/charts/router/templates/router-deployment.yaml";
    private static final String FORK_DEFAULT = "charts/workflow/charts/router/values.yaml";

    @TempDir
    Path dir;

    private TestRepo repo(String chart) throws Exception {
        return new TestRepo(dir).chart(chart);
    }

    /** A check of the chart with the values, single-router alone, so that a fix changes only what it fixes. */
    private CheckRequest request(TestRepo repo, Consumer<CheckRequest.Builder> configure) {
        CheckRequest.Builder builder = CheckRequest.builder(repo.dir())
                .chart("charts/workflow")
                .disabledRules(RuleCatalogue.ids().stream()
                        .filter(id -> !id.equals(RULE))
                        .toList());
        configure.accept(builder);
        return builder.build();
    }

    /** What `workflow:fix` does: plans, writes every change, and checks again. */
    private CheckResult fix(CheckRequest request) throws Exception {
        Fixer fixer = new Fixer();
        FixPlan plan = fixer.plan(request, null);
        SafeWriter writer = new SafeWriter(request.baseDirectory());
        for (FixPlan.FileChange change : plan.changes()) {
            writer.write(change.file(), change.newText());
        }
        return new Checker().check(request);
    }

    @Test
    void withoutValuesFilesTheFindingSitsAtTheChartsReplicaKeyAndNamesIt() throws Exception {
        CheckResult result = repo("workflow-fork").check(b -> b.chart("charts/workflow"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, FORK_DEFAULT + ":4:11");
        assertEquals(
                "Deployment/deis-router has spec.replicas: 1 and no HorizontalPodAutoscaler with minReplicas >= 2 "
                        + "targets it: if the only router pod goes, the Workflow API and every app become unreachable; set "
                        + "router.replicas to 2 or more in the values; the chart renders spec.replicas from it (rendered from "
                        + TEMPLATE + "; router.replicas is not set in the values files: chart default in "
                        + FORK_DEFAULT
                        + ":4)",
                finding.message());
        assertEquals("router.replicas", finding.primary().valuesPath());
        // No values file to write it to: the message says what to set, but nothing is proposed.
        assertFalse(finding.fixable());
        Findings.noClauseTwice(result);
    }

    @Test
    void aReplicaKeySetNowhereIsFixableInTheValuesFile() throws Exception {
        TestRepo repo = repo("workflow-fork").file("values.yaml", """
                router:
                  deployment_annotations:
                    router.deis.io/nginx.ssl.enforce: "true"
                """);
        CheckRequest request = request(repo, b -> b.values("values.yaml"));
        CheckResult result = new Checker().check(request);
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:1:1");
        assertEquals(
                "router.replicas is not set; chart default in " + FORK_DEFAULT + ":4 is \"1\": if the only router "
                        + "pod goes, the Workflow API and every app become unreachable; set it to 2 or more (the chart renders "
                        + "the router's spec.replicas from it) (rendered into Deployment/deis-router by " + TEMPLATE
                        + ")",
                finding.message());
        assertFalse(finding.message().contains("hard-coded"));
        assertTrue(finding.fixable());
        assertEquals(List.of("router", "replicas"), finding.fix().path());
        assertEquals("2", finding.fix().value());
        assertNull(finding.fix().target(), "a key set nowhere goes to the fix target");
        Findings.noClauseTwice(result);

        Findings.none(fix(request), RULE);
        assertEquals("""
                router:
                  deployment_annotations:
                    router.deis.io/nginx.ssl.enforce: "true"
                  replicas: 2
                """, repo.read("values.yaml"));
    }

    @Test
    void aReplicaKeySetToOneIsCorrectedWhereItIsSet() throws Exception {
        TestRepo repo = repo("workflow-fork").file("values.yaml", "router:\n  replicas: 1 # one is enough?\n");
        CheckRequest request = request(repo, b -> b.values("values.yaml"));
        Finding finding = Findings.single(new Checker().check(request), RULE);
        Findings.at(finding, "values.yaml:2:13");
        Findings.says(
                finding,
                "router.replicas is 1: ",
                "set it to 2 or more (the chart renders the router's "
                        + "spec.replicas from it) (rendered into Deployment/deis-router by " + TEMPLATE + ")");
        assertEquals("values.yaml", finding.fix().target().displayName());
        Findings.none(fix(request), RULE);
        assertEquals("router:\n  replicas: 2 # one is enough?\n", repo.read("values.yaml"));
    }

    @Test
    void aForkExposingReplicaCountIsFixedThroughThatKey() throws Exception {
        TestRepo repo = repo("workflow-fork");
        repo.file(
                "charts/workflow/charts/router/values.yaml",
                repo.read("charts/workflow/charts/router/values.yaml").replace("replicas: 1", "replica_count: 1"));
        repo.file(
                "charts/workflow/charts/router/templates/router-deployment.yaml",
                repo.read("charts/workflow/charts/router/templates/router-deployment.yaml")
                        .replace(".Values.replicas", ".Values.replica_count"));
        repo.file("values.yaml", "router: {}\n");
        CheckRequest request = request(repo, b -> b.values("values.yaml"));
        Finding finding = Findings.single(new Checker().check(request), RULE);
        Findings.says(finding, "router.replica_count is not set; chart default in " + FORK_DEFAULT + ":4 is \"1\"");
        assertEquals(List.of("router", "replica_count"), finding.fix().path());
        Findings.none(fix(request), RULE);
        assertEquals("router: {replica_count: 2}\n", repo.read("values.yaml"));
    }

    @Test
    void twoReplicasInTheValuesOfAForkHaveNoFinding() throws Exception {
        TestRepo repo = repo("workflow-fork").file("values.yaml", "router:\n  replicas: 2\n");
        Findings.none(repo.check(b -> b.chart("charts/workflow").values("values.yaml")), RULE);
    }

    @Test
    void fixingCommittedManifestsNeverEditsTheRenderWhichLivesInMemory() throws Exception {
        TestRepo repo = repo("workflow").file("values.yaml", "global:\n  storage: s3\n");
        CheckResult result = repo.check(b -> b.chart("charts/workflow")
                .values("values.yaml")
                .fixOptions(new FixOptions("admin_only", null, null, true)));
        for (Finding finding : result.findings()) {
            assertTrue(finding.manifestFixes().isEmpty(), Findings.describe(finding));
        }
        assertFalse(Findings.single(result, RULE).fixable());
    }

    @Test
    void theStockChartThatHardCodesOneReplicaKeepsItsMessageAndBlamesNoKey() throws Exception {
        TestRepo repo = repo("workflow").file("values.yaml", "router:\n  replicas: 1\n");
        CheckRequest request = request(repo, b -> b.values("values.yaml"));
        Finding finding = Findings.single(new Checker().check(request), RULE);
        // router.replicas: 1 is there, but the chart never reads it: only the template line, with the remedy.
        Findings.at(finding, TEMPLATE + ":13:3");
        Findings.says(
                finding,
                "`kubectl --namespace=deis scale --replicas=2 deployment/deis-router`",
                "(rendered from " + TEMPLATE + ", where no values key controls this field)");
        assertFalse(finding.fixable());
        Findings.single(fix(request), RULE);
        assertEquals("router:\n  replicas: 1\n", repo.read("values.yaml"));

        TestRepo unset = repo.file("values.yaml", "global:\n  storage: s3\n");
        Finding stock =
                Findings.single(unset.check(b -> b.chart("charts/workflow").values("values.yaml")), RULE);
        Findings.at(stock, "values.yaml:1:1", TEMPLATE + ":13:3");
        Findings.says(
                stock,
                "the stock Workflow chart runs one deis-router pod (replicas: 1 is hard-coded; no values "
                        + "key changes it)");
        assertFalse(stock.fixable());
    }
}
