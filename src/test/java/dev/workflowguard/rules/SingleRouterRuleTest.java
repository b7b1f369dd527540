package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.fix.Fixer;
import dev.workflowguard.fix.SafeWriter;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** `single-router`: one deis-router pod; satisfied by evidence of two or more from any input. */
class SingleRouterRuleTest {

    private static final String RULE = "single-router";

    /** The stock router Deployment: replicas hard-coded to 1 (spec.replicas at line 8, column 13). */
    private static final String ONE_ROUTER = router("  replicas: 1\n");

    /** A stock values file that the stock chart renders with one router; the router key is at 3:1. */
    private static final String STOCK_VALUES = """
            global:
              storage: s3
            router:
              dhparam: ""
            """;

    @TempDir
    Path dir;

    private static String router(String replicasLine) {
        return """
                ---
                # Source: workflow/charts/router/templates/router-deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: deis-router
                spec:
                %s  template:
                    spec:
                      containers:
                        - name: deis-router
                          image: quay.io/deis/router:v2.19.0
                """.formatted(replicasLine);
    }

    private static String hpa(String target, int minReplicas) {
        return """
                ---
                # Source: platform/router-hpa.yaml
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: deis-router
                  namespace: deis
                spec:
                  scaleTargetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: %s
                  minReplicas: %d
                  maxReplicas: 5
                """.formatted(target, minReplicas);
    }

    @Test
    void stockChartWithoutManifestsFiresAndSaysHowToScale() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", STOCK_VALUES);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:1");
        Findings.says(
                finding,
                "the stock Workflow chart runs one deis-router pod",
                "replicas: 1 is hard-coded",
                "kubectl --namespace=deis scale --replicas=2 deployment/deis-router",
                "HorizontalPodAutoscaler (scaleTargetRef: Deployment deis-router, minReplicas: 2)");
        assertEquals(Severity.ERROR, finding.severity());
        assertEquals("router", finding.primary().valuesPath());
        assertFalse(finding.fixable(), "the stock chart has no values key to fix");
    }

    @Test
    void stockChartWithoutARouterKeyPointsAtTheFirstLine() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "global:\n  storage: s3\n");
        Findings.at(Findings.single(repo.values("2.19.0", "values.yaml"), RULE), "values.yaml:1:1");
    }

    @Test
    void forkReplicasKeyBelowTwoIsFixableAtTheValue() throws Exception {
        // Without a version, nothing says the key does not exist: a fork's chart may read it.
        TestRepo repo = new TestRepo(dir).file("values.yaml", "router:\n  replicas: 1\n");
        Finding finding = Findings.single(repo.values(null, "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:13");
        Findings.says(finding, "router.replicas is 1", "set it to 2 or more");
        ProposedFix fix = finding.fix();
        assertEquals(List.of("router", "replicas"), fix.path());
        assertEquals("2", fix.value());
        assertFalse(fix.quoted());
        assertEquals("values.yaml", fix.target().displayName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.11.0", "2.19.0", "2.23.0"})
    void aReplicaKeyTheReleaseLacksHasNoEffectAndNoFix(String version) throws Exception {
        // Issue 16: no stock chart has a replica key, so a known release renders one router whatever it says.
        TestRepo repo = new TestRepo(dir).file("values.yaml", "router:\n  replicas: 3\n");
        Finding finding = Findings.single(repo.values(version, "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:13");
        assertEquals(
                "router.replicas has no effect on Workflow " + version + ": its chart hard-codes replicas: 1 for "
                        + "deis-router and has no replica key; if the only router pod goes, the Workflow API and every "
                        + "app become unreachable; scale it after each install or upgrade with `kubectl "
                        + "--namespace=deis scale --replicas=2 deployment/deis-router`, or commit a "
                        + "HorizontalPodAutoscaler (scaleTargetRef: Deployment deis-router, minReplicas: 2)",
                finding.message());
        assertNull(finding.fix(), "workflow:fix must not write a key Workflow " + version + " does not have");
    }

    @Test
    void forkValuesWithoutAChartAreFixedToTwoReplicas() throws Exception {
        // Values mode on a fork: the values file, as the fork's chart ships it, exposes router.replicas. No
        // Workflow version is configured: every known release's chart lacks the key.
        TestRepo repo = new TestRepo(dir).file("values/base.yaml", """
                global:
                  native_ingress: false

                router:
                  # How many router pods to run.
                  replicas: 1
                  deployment_annotations:
                """);
        CheckRequest request = CheckRequest.builder(dir)
                .values("values/base.yaml")
                .disabledRules(RuleCatalogue.ids().stream()
                        .filter(id -> !id.equals(RULE))
                        .toList())
                .build();
        Finding finding = Findings.single(new Checker().check(request), RULE);
        Findings.at(finding, "values/base.yaml:6:13");
        Findings.says(finding, "router.replicas is 1: ", "; set it to 2 or more");
        assertTrue(finding.fixable());
        Fixer fixer = new Fixer();
        FixPlan plan = fixer.plan(request, null);
        for (FixPlan.FileChange change : plan.changes()) {
            new SafeWriter(dir).write(change.file(), change.newText());
        }
        assertEquals(
                List.of("router.replicas set to 2"),
                plan.changes().get(0).applied().stream()
                        .map(FixPlan.Applied::description)
                        .toList());
        Findings.none(new Checker().check(request), RULE);
        assertTrue(repo.read("values/base.yaml").contains("  # How many router pods to run.\n  replicas: 2\n"));
    }

    @Test
    void forkReplicaCountKeyBelowTwoIsFixableAtTheValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "router:\n  replica_count: 1\n");
        Finding finding = Findings.single(repo.values(null, "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:18");
        assertEquals(List.of("router", "replica_count"), finding.fix().path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"replicas: 2", "replicas: 3", "replica_count: 2", "replicas: \"2\""})
    void twoOrMoreReplicasInValuesHaveNoFinding(String setting) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "router:\n  " + setting + "\n");
        Findings.none(repo.values(null, "values.yaml"), RULE);
    }

    @Test
    void replicasRaisedByTheOverlayHaveNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", "router:\n  replicas: 1\n")
                .file("prod.yaml", "router:\n  replicas: 2\n");
        Findings.none(repo.values(null, "base.yaml", "prod.yaml"), RULE);
    }

    @Test
    void renderedRouterWithOneReplicaIsAnErrorAtSpecReplicas() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", ONE_ROUTER);
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/router.yaml:8:13");
        Findings.says(
                finding,
                "Deployment/deis-router has spec.replicas: 1",
                "no HorizontalPodAutoscaler with minReplicas >= 2 targets it",
                "kubectl --namespace=deis scale");
        assertEquals("Deployment/deis-router", finding.primary().object());
        assertEquals(Severity.ERROR, finding.severity());
    }

    @Test
    void renderedRouterWithoutReplicasCountsAsOneAtTheObjectName() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", router(""));
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/router.yaml:6:9");
        Findings.says(finding, "has no spec.replicas (so 1)");
    }

    @Test
    void renderedRouterWithTwoReplicasHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", router("  replicas: 2\n"));
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void autoscalerWithMinReplicasTwoSatisfiesTheRender() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("rendered/router.yaml", ONE_ROUTER)
                .file("rendered/router-hpa.yaml", hpa("deis-router", 2));
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void autoscalerInManifestsSatisfiesTheValuesToo() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", STOCK_VALUES)
                .file("rendered/router.yaml", ONE_ROUTER)
                .file("rendered/router-hpa.yaml", hpa("deis-router", 2));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Findings.none(result, RULE);
    }

    @Test
    void autoscalerAloneInTheManifestsSatisfiesTheStockValues() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", STOCK_VALUES)
                .file("platform/router-hpa.yaml", hpa("deis-router", 3));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("platform"));
        Findings.none(result, RULE);
    }

    @Test
    void autoscalerWithMinReplicasOneDoesNotCount() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("rendered/router.yaml", ONE_ROUTER)
                .file("rendered/router-hpa.yaml", hpa("deis-router", 1));
        Findings.at(Findings.single(repo.manifests("rendered"), RULE), "rendered/router.yaml:8:13");
    }

    @Test
    void autoscalerForAnotherDeploymentDoesNotCount() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("rendered/router.yaml", ONE_ROUTER)
                .file("rendered/router-hpa.yaml", hpa("deis-controller", 3));
        Findings.single(repo.manifests("rendered"), RULE);
    }

    @Test
    void scaledRenderSatisfiesTheStockValues() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", STOCK_VALUES)
                .file("rendered/router.yaml", router("  replicas: 2\n"));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Findings.none(result, RULE);
    }

    @Test
    void oneRouterInValuesAndRenderIsOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", STOCK_VALUES).file("rendered/router.yaml", ONE_ROUTER);
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:3:1", "rendered/router.yaml:8:13");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2.19.0 | experimental_native_ingress: true",
                "''     | native_ingress: true",
                "''     | native_ingress: \"yes\""
            })
    void nativeIngressReplacesTheRouter(String version, String setting) throws Exception {
        // global.native_ingress is in no release of the table: only a chart without known facts (a fork) reads it.
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  " + setting + "\nrouter:\n  replicas: 1\n")
                .file("rendered/router.yaml", ONE_ROUTER);
        Findings.none(repo.values(version, "values.yaml"), RULE);
        CheckResult both =
                repo.check(b -> b.workflowVersion(version).values("values.yaml").manifests("rendered"));
        Findings.none(both, RULE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"2.19.0 | native_ingress: true", "2.12.0 | experimental_native_ingress: true"})
    void aNativeIngressSwitchTheReleaseLacksLeavesItsRouterInPlace(String version, String setting) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "global:\n  " + setting + "\n");
        Findings.single(repo.values(version, "values.yaml"), RULE);
    }

    @Test
    void nativeIngressSwitchedOffStillChecksTheRouter() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  experimental_native_ingress: false\nrouter:\n  replicas: 1\n");
        Findings.at(Findings.single(repo.values("2.19.0", "values.yaml"), RULE), "values.yaml:4:13");
    }
}
