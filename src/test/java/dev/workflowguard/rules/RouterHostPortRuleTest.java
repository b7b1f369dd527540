package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `router-host-port`: the router binds host ports on the nodes. */
class RouterHostPortRuleTest {

    private static final String RULE = "router-host-port";

    /** router.host_port.enabled with the value at 3:14. */
    private static String enabled(String value) {
        return "router:\n  host_port:\n    enabled: " + value + "\n";
    }

    /** A rendered router whose container binds host ports 80 (14:25) and 443 (16:25). */
    private static final String HOST_PORT_ROUTER = """
            ---
            # Source: workflow/charts/router/templates/router-deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: deis-router
            spec:
              template:
                spec:
                  containers:
                    - name: deis-router
                      ports:
                        - containerPort: 8080
                          hostPort: 80
                        - containerPort: 6443
                          hostPort: 443
                        - containerPort: 9090
            """;

    @TempDir
    Path dir;

    @Test
    void hostPortEnabledInValuesIsAFixableWarningAtTheValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", enabled("true"));
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:14");
        Findings.says(finding, "router.host_port.enabled is true", "host ports are meant for minikube");
        assertEquals(Severity.WARNING, finding.severity());
        ProposedFix fix = finding.fix();
        assertEquals(List.of("router", "host_port", "enabled"), fix.path());
        assertEquals("false", fix.value());
        assertFalse(fix.quoted(), "a boolean, not a string: a quoted \"false\" is true to the chart");
        assertEquals("values.yaml", fix.target().displayName());
    }

    @Test
    void quotedFalseIsANonEmptyStringAndSoTrueToTheChart() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", enabled("\"false\""));
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:14");
        Findings.says(
                finding,
                "router.host_port.enabled is \"false\"",
                "a non-empty string, which chart templates treat as true; write false without quotes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "On", "1"})
    void otherTruthySpellingsFire(String value) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", enabled(value));
        Findings.at(Findings.single(repo.values("2.19.0", "values.yaml"), RULE), "values.yaml:3:14");
    }

    @Test
    void yesSaysHowHelmReadsIt() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", enabled("yes"));
        Findings.says(
                Findings.single(repo.values("2.19.0", "values.yaml"), RULE),
                "router.host_port.enabled is yes (Helm reads it as true)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "no", "off", "0", "\"\"", "null"})
    void falsySpellingsHaveNoFinding(String value) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", enabled(value));
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void unsetIsTheChartDefaultFalse() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "router:\n  dhparam: \"\"\n");
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.10.0", "2.11.0"})
    void unsetOnWorkflow210And211IsTheChartDefaultTrue(String version) throws Exception {
        // Issue 16: router.host_port.enabled defaults to true in Workflow v2.10.0 – v2.11.x.
        TestRepo repo = new TestRepo(dir).file("values.yaml", "controller:\n  registration_mode: admin_only\n");
        Finding finding = Findings.single(repo.values(version, "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:1:1");
        assertEquals(
                "router.host_port.enabled is not set; chart default for Workflow " + version + " is \"true\": host "
                        + "ports are meant for minikube; on real nodes they bypass the load balancer, pin one router "
                        + "per node and open the node's own ports; set it to false explicitly",
                finding.message());
        assertEquals(Severity.WARNING, finding.severity());
        ProposedFix fix = finding.fix();
        assertEquals(List.of("router", "host_port", "enabled"), fix.path());
        assertEquals("false", fix.value());
        assertFalse(fix.quoted());
        assertNull(fix.target(), "a chart default: the fix goes to the fix target");
    }

    @Test
    void unsetOnWorkflow211PointsUnderAnExistingRouterKey() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "router:\n  dhparam: \"\"\n");
        Findings.at(Findings.single(repo.values("2.11.0", "values.yaml"), RULE), "values.yaml:1:1");
    }

    @Test
    void explicitFalseOnWorkflow211HasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", enabled("false"));
        Findings.none(repo.values("2.11.0", "values.yaml"), RULE);
    }

    @Test
    void unsetFrom212IsTheChartDefaultFalse() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "router:\n  dhparam: \"\"\n");
        Findings.none(repo.values("2.12.0", "values.yaml"), RULE);
    }

    @Test
    void beforeWorkflow210TheRouterBindsHostPortsWhateverTheValuesSay() throws Exception {
        // The release table read it from the router charts: up to 2.9.x the template binds them with no switch.
        for (String setting : new String[] {"true", "false"}) {
            TestRepo repo = new TestRepo(dir).file("values.yaml", enabled(setting));
            Finding finding = Findings.single(repo.values("2.9.0", "values.yaml"), RULE);
            Findings.at(finding, "values.yaml:3:14"); // the setting that has no effect
            Findings.says(
                    finding,
                    "the router chart of Workflow 2.9.0 binds host ports on every node and has no values key to "
                            + "turn them off: host ports are meant for minikube; on real nodes they bypass the load "
                            + "balancer, pin one router per node and open the node's own ports; upgrade Workflow to "
                            + "2.10.0 or later, whose chart can turn them off, or remove the hostPort entries from the "
                            + "deis-router Deployment after every install and upgrade");
            assertFalse(finding.fixable(), setting);
        }
    }

    @Test
    void aRenderedHostPortOfAReleaseWithoutTheKeyIsRemovedByHand() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", HOST_PORT_ROUTER);
        Finding finding =
                Findings.single(repo.check(b -> b.workflowVersion("2.9.0").manifests("rendered")), RULE);
        Findings.says(
                finding,
                "; remove the hostPort from the router's container ports (Workflow 2.9.0's chart has no host port "
                        + "switch)");
        assertFalse(finding.message().contains("host_port"), finding.message());
    }

    @Test
    void enabledInTheBaseFileSwitchedOffByTheOverlayHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("base.yaml", enabled("true")).file("prod.yaml", enabled("false"));
        Findings.none(repo.values("2.19.0", "base.yaml", "prod.yaml"), RULE);
    }

    @Test
    void enabledByTheOverlayPointsAtTheOverlay() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values/base.yaml")
                .file("values/minikube.yaml", enabled("true"));
        Finding finding = Findings.single(repo.values("2.19.0", "values/base.yaml", "values/minikube.yaml"), RULE);
        Findings.at(finding, "values/minikube.yaml:3:14");
        assertEquals("values/minikube.yaml", finding.fix().target().displayName());
    }

    @Test
    void renderedHostPortsAreOneFindingWithAPlacePerPort() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", HOST_PORT_ROUTER);
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/router.yaml:14:25", "rendered/router.yaml:16:25");
        Findings.says(finding, "Deployment/deis-router binds hostPort 80", "set router.host_port.enabled: false");
        Findings.says(finding.places().get(1), "binds hostPort 443");
        assertEquals(Severity.WARNING, finding.severity());
        assertFalse(finding.fixable());
    }

    @Test
    void renderedRouterWithoutHostPortsHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/rendered-stock-2.19.yaml", "rendered/workflow.yaml");
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void hostPortInValuesAndRenderIsOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo =
                new TestRepo(dir).file("values.yaml", enabled("true")).file("rendered/router.yaml", HOST_PORT_ROUTER);
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:3:14", "rendered/router.yaml:14:25", "rendered/router.yaml:16:25");
    }

    @Test
    void nativeIngressReplacesTheRouter() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  experimental_native_ingress: true\n" + enabled("true"))
                .file("rendered/router.yaml", HOST_PORT_ROUTER);
        CheckResult both = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Findings.none(both, RULE);
    }
}
