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

/** `rbac-disabled`: Workflow's components run without RBAC objects. */
class RbacDisabledRuleTest {

    private static final String RULE = "rbac-disabled";

    /** A rendered deis-controller (name at 6:9). */
    private static final String CONTROLLER = """
            ---
            # Source: workflow/charts/controller/templates/controller-deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: deis-controller
            spec:
              replicas: 1
            """;

    private static final String CONTROLLER_CLUSTER_ROLE = """
            ---
            # Source: workflow/charts/controller/templates/controller-clusterrole.yaml
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: "deis:deis-controller"
            rules:
              - apiGroups: [""]
                resources: ["namespaces"]
                verbs: ["get", "list", "create", "delete"]
            """;

    @TempDir
    Path dir;

    private static String useRbac(String value) {
        return "global:\n  use_rbac: " + value + "\n";
    }

    @Test
    void rbacOffInValuesIsAFixableWarningAtTheValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", useRbac("false"));
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:13");
        Findings.says(finding, "global.use_rbac is false", "lack their permissions");
        assertFalse(finding.message().contains("set it explicitly"), finding.message());
        assertEquals(Severity.WARNING, finding.severity());
        ProposedFix fix = finding.fix();
        assertEquals(List.of("global", "use_rbac"), fix.path());
        assertEquals("true", fix.value());
        assertFalse(fix.quoted());
        assertEquals("values.yaml", fix.target().displayName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "yes", "True", "on"})
    void rbacOnInAnySpellingHasNoFinding(String value) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", useRbac(value));
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void quotedFalseIsANonEmptyStringThatTheChartTemplatesReadAsTrue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", useRbac("\"false\""));
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void unsetOnDeisWorkflowIsTheChartDefaultFalse() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", """
                controller:
                  registration_mode: admin_only
                global:
                  storage: s3
                """);
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:3:1");
        Findings.says(finding, "global.use_rbac is not set; chart default for Workflow 2.19.0 is \"false\"");
        assertNull(finding.fix().target());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.22.0", "2.23.0"})
    void unsetFromHephy222IsTheChartDefaultTrue(String version) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "global:\n  storage: s3\n");
        Findings.none(repo.values(version, "values.yaml"), RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.20.0", "2.21.0"})
    void unsetOnHephyBefore222IsStillTheChartDefaultFalse(String version) throws Exception {
        // Issue 16: the default became true in Hephy v2.22.0, not with the fork's first releases.
        TestRepo repo = new TestRepo(dir).file("values.yaml", "global:\n  storage: s3\n");
        Finding finding = Findings.single(repo.values(version, "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:1:1");
        Findings.says(finding, "global.use_rbac is not set; chart default for Workflow " + version + " is \"false\"");
        assertEquals(List.of("global", "use_rbac"), finding.fix().path());
    }

    @Test
    void beforeWorkflow215ThereIsNoSwitchAndTheRemedyIsAnUpgrade() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "global:\n  storage: s3\n");
        Finding finding = Findings.single(repo.values("2.11.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:1:1");
        assertEquals(
                "Workflow 2.11.0 has no RBAC switch: its chart renders no Role or ClusterRole objects, so on an RBAC "
                        + "cluster the components then lack their permissions, and without RBAC every pod's service "
                        + "account is unrestricted; upgrade Workflow to 2.15.0 or later, whose chart renders them",
                finding.message());
        assertFalse(finding.message().contains("use_rbac"), "no key the release lacks: " + finding.message());
        assertNull(finding.fix(), "workflow:fix must not write a key Workflow 2.11.0 does not have");
        assertEquals(Severity.WARNING, finding.severity());
    }

    @Test
    void beforeWorkflow215TheSwitchSetInValuesHasNoEffect() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", useRbac("true"));
        Finding finding = Findings.single(repo.values("2.14.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:13");
        Findings.says(
                finding,
                "global.use_rbac has no effect on Workflow 2.14.0: its chart renders no Role or ClusterRole objects",
                "upgrade Workflow to 2.15.0 or later");
        assertNull(finding.fix());
    }

    @Test
    void aRenderWithoutRolesOfAReleaseWithoutTheSwitchAsksForAnUpgrade() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/controller.yaml", CONTROLLER);
        Finding finding =
                Findings.single(repo.check(b -> b.workflowVersion("2.11.0").manifests("rendered")), RULE);
        Findings.at(finding, "rendered/controller.yaml:6:9");
        Findings.says(
                finding,
                "but no Role or ClusterRole for them",
                "; upgrade Workflow to 2.15.0 or later, whose chart renders them (Workflow 2.11.0 has no RBAC switch)");
        assertFalse(finding.message().contains("use_rbac"), finding.message());
    }

    @Test
    void unsetWithoutAVersionAsksToSetItExplicitly() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "global:\n  storage: s3\n");
        Finding finding = Findings.single(repo.values(null, "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:1:1");
        Findings.says(
                finding,
                "chart default false up to 2.21.x, true from 2.22.0",
                "the Workflow version is not configured",
                "set it explicitly");
        assertEquals(Severity.WARNING, finding.severity());
    }

    @Test
    void falseOnHephyIsStillReported() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", useRbac("false"));
        Findings.at(Findings.single(repo.values("2.21.0", "values.yaml"), RULE), "values.yaml:2:13");
    }

    @Test
    void rbacSwitchedOnByTheOverlayHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values/base.yaml")
                .file("values/prod.yaml", useRbac("true"));
        Findings.none(repo.values("2.19.0", "values/base.yaml", "values/prod.yaml"), RULE);
    }

    @Test
    void rbacSwitchedOffByTheOverlayPointsAtTheOverlay() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", useRbac("true"))
                .file("prod.yaml", "# no RBAC on the old cluster\n" + useRbac("no"));
        Finding finding = Findings.single(repo.values("2.21.0", "base.yaml", "prod.yaml"), RULE);
        Findings.at(finding, "prod.yaml:3:13");
        Findings.says(finding, "global.use_rbac is no (Helm reads it as false)");
    }

    @Test
    void nullInAnOverlayDeletesTheHephyDefaultAndDisablesRbac() throws Exception {
        TestRepo repo = new TestRepo(dir).file("base.yaml", useRbac("true")).file("prod.yaml", useRbac("null"));
        Finding finding = Findings.single(repo.values("2.21.0", "base.yaml", "prod.yaml"), RULE);
        Findings.at(finding, "prod.yaml:2:13");
        Findings.says(finding, "global.use_rbac is set to null, which deletes the chart default");
        assertEquals("prod.yaml", finding.fix().target().displayName());
    }

    @Test
    void renderedWorkloadsWithoutRolesAreAWarningAtTheFirstWorkload() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/controller.yaml", CONTROLLER);
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/controller.yaml:6:9");
        Findings.says(
                finding,
                "the render has deis-* workloads (first: Deployment/deis-controller)",
                "no Role or ClusterRole",
                "set global.use_rbac: true and re-render");
        assertEquals(Severity.WARNING, finding.severity());
        assertFalse(finding.fixable());
    }

    @Test
    void renderedClusterRoleForTheComponentsHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/controller.yaml", CONTROLLER + CONTROLLER_CLUSTER_ROLE);
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void renderWithoutDeisWorkloadsHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/service.yaml", """
                ---
                # Source: workflow/charts/router/templates/router-service.yaml
                apiVersion: v1
                kind: Service
                metadata:
                  name: deis-router
                """);
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void rbacOffInValuesAndRenderIsOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo =
                new TestRepo(dir).file("values.yaml", useRbac("false")).file("rendered/controller.yaml", CONTROLLER);
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:2:13", "rendered/controller.yaml:6:9");
    }
}
