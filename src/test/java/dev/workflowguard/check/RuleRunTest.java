package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.rules.CheckContext;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleFindings;
import dev.workflowguard.rules.RuleInfo;
import dev.workflowguard.rules.RuleInputs;
import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage that runs the rules and gives their findings the severity configured, asked for or default. */
class RuleRunTest {

    private static final String STOCK = TestRepo.resourceText("fixtures/rendered-stock-2.19.yaml");

    @TempDir
    Path dir;

    /** A rule of the test: reports one cause at the start of the values file, counting its runs. */
    private static final class CountingRule implements Rule {
        private final RuleInfo info;
        private final AtomicInteger runs = new AtomicInteger();
        private final List<String> log;

        CountingRule(String catalogueId, List<String> log) {
            this.info = RuleCatalogue.find(catalogueId).orElseThrow().info();
            this.log = log;
        }

        @Override
        public RuleInfo info() {
            return info;
        }

        @Override
        public RuleInputs inputs() {
            return RuleInputs.builder().build();
        }

        @Override
        public void check(CheckContext context, RuleFindings findings) {
            runs.incrementAndGet();
            synchronized (log) {
                log.add(id());
            }
        }
    }

    private static Place place(String message) {
        SourceFile file =
                new SourceFile(Path.of("values.yaml"), "values.yaml", "a: 1\n", StandardCharsets.UTF_8, false);
        return Place.inValues(new Location(file, TextPosition.START), "a", message);
    }

    private RuleSettings only(Map<String, String> severities, String... ids) throws InputException {
        List<String> disabled = new ArrayList<>(RuleCatalogue.ids());
        disabled.removeAll(List.of(ids));
        return RuleSettings.of(CheckRequest.builder(dir)
                .values("values.yaml")
                .disabledRules(disabled)
                .severities(severities)
                .build());
    }

    @Test
    void theConfiguredSeverityWinsThenTheRulesOwnThenTheDefault() throws Exception {
        RuleSettings settings = only(Map.of("open-registration", "info"), "minio-storage", "open-registration");
        RuleFindings minio = new RuleFindings();
        minio.report("asked", place("asks for a warning"), null, Severity.WARNING);
        minio.report("default", place("says nothing"));
        RuleFindings registration = new RuleFindings();
        registration.report("configured", place("asks for a warning"), null, Severity.WARNING);

        List<Finding> findings = RuleRun.findings(settings, List.of(minio, registration));

        assertEquals(
                List.of(
                        "minio-storage asked WARNING",
                        "minio-storage default ERROR",
                        "open-registration configured INFO"),
                findings.stream()
                        .map(f -> f.rule() + " " + f.cause() + " " + f.severity())
                        .toList());
    }

    @Test
    void eachRuleRunsOnceOnTheContextInOrder() {
        List<String> order = new ArrayList<>();
        List<Rule> rules = List.of(new CountingRule("tls-missing", order), new CountingRule("minio-storage", order));
        List<RuleFindings> collected =
                RuleRun.collect(rules, new CheckContext(null, null, null, null, FixOptions.DEFAULTS));
        assertEquals(List.of("tls-missing", "minio-storage"), order);
        assertEquals(2, collected.size());
    }

    @Test
    void manifestsCheckedFileByFileAreNotCheckedAgain() throws Exception {
        new TestRepo(dir).file("clusters/a/workflow.yaml", STOCK).file("clusters/b/workflow.yaml", STOCK);
        List<String> order = new ArrayList<>();
        CountingRule rule = new CountingRule("minio-storage", order);
        CheckRequest request = CheckRequest.builder(dir).manifests("clusters").build();
        RuleSettings real = RuleSettings.of(request);
        RuleSettings settings = new RuleSettings(List.of(rule), Map.of(), real.known(), Set.of(), real.fixOptions());
        CheckInputs inputs = CheckInputs.of(request);
        WorkflowRelease release = WorkflowRelease.resolve(inputs);
        UserValues values = UserValues.read(inputs, release);
        CommittedManifests committed = CommittedManifests.read(inputs, settings, release, values, (done, total) -> {});
        assertEquals(2, rule.runs.get(), "once per file, as each was read");

        Rendering rendering = Rendering.render(inputs, release, values, committed, KnownSecrets.in(values, committed));
        RuleRun.findings(inputs, settings, release, values, committed, rendering, rendering.provenance());
        assertEquals(2, rule.runs.get(), "not again over all files");
    }
}
