package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.fix.Fixer;
import dev.workflowguard.fix.SafeWriter;
import dev.workflowguard.release.ReleaseFacts;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.MiniWorkflowChart;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `grafana-signup` gives the same verdict in values mode (`<workflowVersion>` and values) and in chart mode (the
 * chart rendered with the same values), before Workflow 2.14 (no key; the image opens sign-ups) and after (the key,
 * "true" by default), with the bundled release table.
 */
class GrafanaSignupModesTest {

    private static final String RULE = "grafana-signup";
    private static final String TEMPLATE =
            "charts/workflow/charts/monitor/charts/grafana/templates/monitor-grafana-deployment.yaml";
    private static final String STOCK = "monitor:\n  grafana:\n    user: ops\n";
    private static final String CLOSED = "monitor:\n  grafana:\n    user: ops\n    allow_sign_up: \"false\"\n";

    @TempDir
    Path dir;

    private TestRepo repo(String version, boolean signUpKey, String values) {
        return MiniWorkflowChart.write(new TestRepo(dir), version, signUpKey, "v2.9.0")
                .file("values.yaml", values);
    }

    private static CheckRequest request(TestRepo repo, Consumer<CheckRequest.Builder> configure) {
        CheckRequest.Builder builder = CheckRequest.builder(repo.dir()).rules(List.of(new GrafanaSignupRule()));
        configure.accept(builder);
        return builder.build();
    }

    private static CheckResult valuesMode(TestRepo repo, String version) throws Exception {
        return new Checker().check(request(repo, b -> b.workflowVersion(version).values("values.yaml")));
    }

    private static CheckResult chartMode(TestRepo repo) throws Exception {
        return new Checker().check(request(repo, b -> b.chart("charts/workflow").values("values.yaml")));
    }

    @Test
    void theTableSaysEveryReleaseWithoutTheKeyHasAnImageThatOpensSignUps() {
        // The fact GrafanaSignupRule relies on when the version is unknown (see Grafana.imageDefault).
        for (ReleaseFacts release : WorkflowReleases.bundled().releases()) {
            String imageDefault = release.renderedObject("Deployment/deis-monitor-grafana")
                    .map(object -> object.imageDefaults().get("ALLOW_SIGN_UP"))
                    .orElse(null);
            if (release.has("monitor.grafana.allow_sign_up")) {
                assertEquals(null, imageDefault, release.title() + " renders ALLOW_SIGN_UP from its key");
            } else if (imageDefault != null) {
                assertEquals("true", imageDefault, release.title());
            }
        }
        assertEquals(
                "2.14.0",
                WorkflowReleases.bundled()
                        .releasesWith("monitor.grafana.allow_sign_up")
                        .get(0)
                        .version()
                        .display());
    }

    @Test
    void before214StockValuesAreOpenInBothModesAndNothingIsFixed() throws Exception {
        TestRepo repo = repo("v2.11.0", false, STOCK);
        Finding values = Findings.single(valuesMode(repo, "2.11.0"), RULE);
        Findings.at(values, "values.yaml:2:3");
        Finding chart = Findings.single(chartMode(repo), RULE);
        // The values place, then the render's: no values key controls the env list, so it moves to the template.
        Findings.at(chart, "values.yaml:2:3", TEMPLATE + ":12:11");
        assertEquals(values.message(), chart.message());
        Findings.says(
                chart.places().get(1),
                "Deployment/deis-monitor-grafana sets no ALLOW_SIGN_UP, and the Grafana image of Deis Workflow v2.11.0 "
                        + "then defaults it to \"true\"",
                "Workflow 2.11.0 has no values key for it: run `kubectl --namespace=deis set env "
                        + "deployment/deis-monitor-grafana ALLOW_SIGN_UP=false`",
                "or upgrade to Workflow 2.14 or later",
                "(rendered from " + TEMPLATE + ", where no values key controls this field)");
        for (Finding finding : List.of(values, chart)) {
            assertFalse(finding.fixable());
            for (Place place : finding.places()) {
                assertFalse(place.message().contains("monitor.grafana.allow_sign_up"), place.message());
            }
        }
        assertTrue(new Fixer()
                .plan(request(repo, b -> b.chart("charts/workflow").values("values.yaml")), null)
                .isEmpty());
        assertTrue(new Fixer()
                .plan(request(repo, b -> b.workflowVersion("2.11.0").values("values.yaml")), null)
                .isEmpty());
    }

    @Test
    void before214TheRenderAloneIsOpen() throws Exception {
        TestRepo repo = repo("v2.11.0", false, STOCK);
        Finding chart = Findings.single(new Checker().check(request(repo, b -> b.chart("charts/workflow"))), RULE);
        Findings.at(chart, TEMPLATE + ":12:11");
        assertFalse(chart.fixable());
    }

    @Test
    void before214AKeySetToFalseClosesNothingInEitherMode() throws Exception {
        TestRepo repo = repo("v2.11.0", false, CLOSED);
        Finding values = Findings.single(valuesMode(repo, "2.11.0"), RULE);
        Findings.at(values, "values.yaml:4:20");
        Findings.says(values, "monitor.grafana.allow_sign_up has no effect on Workflow 2.11.0");
        Finding chart = Findings.single(chartMode(repo), RULE);
        Findings.at(chart, "values.yaml:4:20", TEMPLATE + ":12:11");
        assertFalse(chart.fixable());
    }

    @Test
    void from214StockValuesAreOpenInBothModesAndTheFixClosesThemInBoth() throws Exception {
        TestRepo repo = repo("v2.14.0", true, STOCK);
        Finding values = Findings.single(valuesMode(repo, "2.14.0"), RULE);
        Findings.at(values, "values.yaml:2:3");
        Finding chart = Findings.single(chartMode(repo), RULE);
        Findings.at(chart, "values.yaml:2:3");
        assertTrue(values.fixable());
        assertTrue(chart.fixable());
        assertEquals(values.fix().path(), chart.fix().path());

        CheckRequest request = request(repo, b -> b.chart("charts/workflow").values("values.yaml"));
        FixPlan plan = new Fixer().plan(request, null);
        assertTrue(plan.refused().isEmpty(), () -> plan.refused().toString());
        new SafeWriter(dir).writeAll(plan.changes());
        assertEquals(CLOSED, repo.read("values.yaml"));
        Findings.none(chartMode(repo), RULE);
        Findings.none(valuesMode(repo, "2.14.0"), RULE);
    }

    @Test
    void from214ClosedValuesAreClosedInBothModes() throws Exception {
        TestRepo repo = repo("v2.14.0", true, CLOSED);
        Findings.none(valuesMode(repo, "2.14.0"), RULE);
        Findings.none(chartMode(repo), RULE);
    }
}
