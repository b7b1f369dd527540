package dev.workflowguard.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.rules.MutableImageTagRule;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.MiniWorkflowChart;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mutable-image-tag` with the release table: `workflow:fix` pins each component to the tag the detected release
 * shipped, in the values key that release reads it from, byte for byte outside the value; Helm's merge changes
 * that key only.
 */
class PinnedTagFixTest {

    private static final String RULE = "mutable-image-tag";

    @TempDir
    Path dir;

    private static CheckRequest request(TestRepo repo, Consumer<CheckRequest.Builder> configure) {
        CheckRequest.Builder builder = CheckRequest.builder(repo.dir()).rules(List.of(new MutableImageTagRule()));
        configure.accept(builder);
        return builder.build();
    }

    /** Plans, writes every change, and returns the plan and the check after writing. */
    private static CheckResult fix(CheckRequest request, String target, List<FixPlan> plans) throws Exception {
        Fixer fixer = new Fixer();
        FixPlan plan = fixer.plan(request, target);
        plans.add(plan);
        new SafeWriter(request.baseDirectory()).writeAll(plan.changes());
        return fixer.recheck(request, new FixPlan(plan.before(), List.of(), List.of()));
    }

    @Test
    void theValuesTagIsReplacedByTheReleasesOwnAndNothingElseChanges() throws Exception {
        String before = "# production overlay\r\nrouter:\r\n  docker_tag: canary   # TODO pin\r\n"
                + "controller:\r\n  docker_tag: 'latest'\r\n  registration_mode: admin_only\r\n";
        TestRepo repo = new TestRepo(dir).file("values/prod.yaml", before);
        CheckRequest request = request(repo, b -> b.workflowVersion("2.23.0").values("values/prod.yaml"));
        List<FixPlan> plans = new ArrayList<>();
        CheckResult after = fix(request, null, plans);
        assertEquals(
                "# production overlay\r\nrouter:\r\n  docker_tag: v2.19.0   # TODO pin\r\n"
                        + "controller:\r\n  docker_tag: 'v2.22.0'\r\n  registration_mode: admin_only\r\n",
                repo.read("values/prod.yaml"));
        assertTrue(
                plans.get(0).refused().isEmpty(), () -> plans.get(0).refused().toString());
        assertEquals(
                List.of("router.docker_tag set to v2.19.0", "controller.docker_tag set to v2.22.0"),
                plans.get(0).changes().get(0).applied().stream()
                        .map(FixPlan.Applied::description)
                        .toList());
        Findings.none(after, RULE);
    }

    @Test
    void withoutAVersionNothingIsWritten() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", "router:\n  docker_tag: canary\n");
        FixPlan plan = new Fixer().plan(request(repo, b -> b.values("values.yaml")), null);
        assertTrue(plan.isEmpty(), plan::toString);
        assertEquals(1, Findings.of(plan.before(), RULE).size());
    }

    @Test
    void aCommittedImageIsPinnedInPlaceOnlyWhenAsked() throws Exception {
        String before = """
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
                          image: hephy/router:canary
                          imagePullPolicy: Always
                """;
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", before);
        CheckRequest without = request(repo, b -> b.workflowVersion("2.23.0").manifests("rendered"));
        Finding finding = Findings.single(new Checker().check(without), RULE);
        Findings.at(finding, "rendered/router.yaml:12:18");
        Findings.says(
                finding,
                "Deployment/deis-router image hephy/router:canary uses tag \"canary\": ",
                "; pin router.docker_tag to v2.19.0, the tag Hephy Workflow v2.23.0 shipped");
        assertTrue(new Fixer().plan(without, null).isEmpty());

        CheckRequest with = request(
                repo,
                b -> b.workflowVersion("2.23.0")
                        .manifests("rendered")
                        .fixOptions(new FixOptions(null, null, null, true)));
        CheckResult after = fix(with, null, new ArrayList<>());
        // The editor writes plain only what cannot be misread; an image reference with a colon is double-quoted.
        assertEquals(
                before.replace("hephy/router:canary", "\"hephy/router:v2.19.0\""), repo.read("rendered/router.yaml"));
        Findings.none(after, RULE);
    }

    @Test
    void onAChartsRenderTheFixWritesTheTagKeyTheChartReads() throws Exception {
        // The chart's own router default is canary; the values set no tag: the fix adds the release's tag key.
        TestRepo repo = MiniWorkflowChart.write(new TestRepo(dir), "v2.23.0", true, "canary")
                .file("values.yaml", "# cluster values\nmonitor:\n  grafana:\n    allow_sign_up: \"false\"\n");
        CheckRequest request = request(repo, b -> b.chart("charts/workflow").values("values.yaml"));
        Finding finding = Findings.single(new Checker().check(request), RULE);
        // Provenance blames router.docker_tag (rendering again with it changed changes the image); it is set nowhere,
        // so the place is where the fix adds it.
        Findings.at(finding, "values.yaml:1:1");
        Findings.says(
                finding,
                "Deployment/deis-router image quay.io/deis/router:canary uses tag \"canary\"",
                "; pin router.docker_tag to v2.19.0, the tag Hephy Workflow v2.23.0 shipped",
                "router.docker_tag is not set in the values files: chart default in "
                        + "charts/workflow/charts/router/values.yaml:2");
        assertEquals(List.of("router", "docker_tag"), finding.fix().path());

        List<FixPlan> plans = new ArrayList<>();
        CheckResult after = fix(request, null, plans);
        assertTrue(
                plans.get(0).refused().isEmpty(), () -> plans.get(0).refused().toString());
        assertEquals(
                "# cluster values\nmonitor:\n  grafana:\n    allow_sign_up: \"false\"\nrouter:\n  docker_tag: v2.19.0\n",
                repo.read("values.yaml"));
        Findings.none(after, RULE);
    }

    @Test
    void onAChartThatDoesNotReadTheKeyNothingIsProposed() throws Exception {
        // A fork whose router template hard-codes the tag: the release's key would change nothing.
        TestRepo repo = MiniWorkflowChart.write(new TestRepo(dir), "v2.23.0", true, "v2.19.0")
                .file("values.yaml", "monitor:\n  grafana:\n    allow_sign_up: \"false\"\n");
        Path template = dir.resolve("charts/workflow/charts/router/templates/router-deployment.yaml");
        Files.writeString(template, Files.readString(template).replace("{{ .Values.docker_tag }}", "canary"));
        CheckRequest request = request(repo, b -> b.chart("charts/workflow").values("values.yaml"));
        Finding finding = Findings.single(new Checker().check(request), RULE);
        Findings.at(finding, "charts/workflow/charts/router/templates/router-deployment.yaml:11:11");
        Findings.says(
                finding,
                "; pin the image to v2.19.0, the tag Hephy Workflow v2.23.0 shipped; this chart does not read "
                        + "router.docker_tag, so set the tag where its template takes it from",
                "where no values key controls this field");
        assertTrue(new Fixer().plan(request, null).isEmpty());
    }
}
