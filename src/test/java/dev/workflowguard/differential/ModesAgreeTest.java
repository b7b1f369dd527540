package dev.workflowguard.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.InputException;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.rules.MetaRules;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleInfo;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential test of values mode and chart mode (issue 16): for a release of each era, the era's
 * chart ({@link EraChart}) is checked once rendered (`chart`, its Chart.yaml version detected) and once
 * from the values alone (`workflowVersion` set to that release), on the same values files and `--set`
 * expressions ({@link EraInputs}), and the two must reach the same verdicts.
 *
 * <p>A verdict is a finding's rule id, its cause and its severity. The cause is what the rule folds places
 * into one finding by, and it names the subject: the values key (`s3.registry_bucket`), the component
 * (`image:deis-controller`) or the one thing the rule is about (`registration`). Those are what fails a
 * build, and what suppressions and baselines match. Locations and wording are not compared: values mode
 * points a default at the last values file with "chart default for Workflow 2.11.0 is …", while chart
 * mode points it at the chart's own values.yaml or template line, or at the values line provenance
 * traced the rendered field to, and adds "(rendered into …)".
 *
 * <p>Every rule values can decide is compared: all checks except `stale-render` (it compares committed
 * manifests with the values, and no input has committed manifests) and the rules about suppressions
 * (none are configured). Both modes run every rule, so a finding of any other rule would show as a
 * difference too.
 */
class ModesAgreeTest {

    /** The rules whose verdict values alone can decide. */
    static final Set<String> DECIDABLE = RuleCatalogue.all().stream()
            .map(rule -> rule.info().id())
            .filter(id -> !id.equals("stale-render"))
            .filter(id -> MetaRules.ALL.stream().map(RuleInfo::id).noneMatch(id::equals))
            .collect(Collectors.toCollection(TreeSet::new));

    @TempDir
    static Path dir;

    /** Each case is checked once in each mode; the tests about an era's inputs share the outcomes. */
    private static final Map<String, Outcome> OUTCOMES = new ConcurrentHashMap<>();

    /** One era checked with one input. */
    record Case(Era era, EraInputs.Input input) {
        @Override
        public String toString() {
            return era.tag() + " " + input.name();
        }
    }

    /** What a finding decides: the rule, the cause (naming its subject) and the severity. */
    record Verdict(String rule, String cause, Severity severity) implements Comparable<Verdict> {
        static Verdict of(Finding finding) {
            return new Verdict(finding.rule(), finding.cause(), finding.severity());
        }

        @Override
        public int compareTo(Verdict other) {
            return Comparator.comparing(Verdict::rule)
                    .thenComparing(Verdict::cause)
                    .thenComparing(Verdict::severity)
                    .compare(this, other);
        }

        @Override
        public String toString() {
            return rule + " [" + cause + "] " + severity.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The two checks of a case. */
    record Outcome(CheckResult values, CheckResult chart) {
        List<Verdict> valuesVerdicts() {
            return verdicts(values);
        }

        List<Verdict> chartVerdicts() {
            return verdicts(chart);
        }

        private static List<Verdict> verdicts(CheckResult result) {
            return result.findings().stream().map(Verdict::of).sorted().toList();
        }
    }

    static Stream<Case> cases() {
        return Era.ALL.stream().flatMap(era -> EraInputs.of(era).stream().map(input -> new Case(era, input)));
    }

    static Stream<Era> eras() {
        return Era.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valuesModeAndChartModeReachTheSameVerdicts(Case c) {
        Outcome outcome = outcome(c);
        List<Verdict> values = outcome.valuesVerdicts();
        List<Verdict> chart = outcome.chartVerdicts();
        if (!values.equals(chart)) {
            fail(c + ": values mode (workflowVersion " + c.era().version() + ") and chart mode ("
                    + c.era().tag()
                    + " rendered) disagree\n  only in values mode: " + minus(values, chart)
                    + "\n  only in chart mode:  " + minus(chart, values)
                    + "\nvalues mode:\n" + Findings.describe(outcome.values())
                    + "\nchart mode:\n" + Findings.describe(outcome.chart()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eras")
    void stockAndTheTripsOverlayTripEveryRuleValuesCanDecide(Era era) {
        // The chart's render is the truth each mode is held to; with stock it must exercise every rule.
        Set<String> tripped = new TreeSet<>();
        for (EraInputs.Input input : EraInputs.of(era)) {
            if (input.name().equals("stock") || input.name().equals("trips")) {
                tripped.addAll(Findings.rules(outcome(new Case(era, input)).chart()));
            }
        }
        assertEquals(DECIDABLE, tripped, era + ": rules chart mode reports for stock and trips");
    }

    static Stream<Case> productionCases() {
        return cases().filter(c ->
                !c.input().name().equals("stock") && !c.input().name().equals("trips"));
    }

    /**
     * Production overlays, rendered: only what the release cannot change through values is left. The chart's
     * render is the truth each mode is held to, so a difference here means chart mode is wrong too.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("productionCases")
    void aProductionOverlayLeavesOnlyWhatTheReleaseCannotChangeThroughValues(Case c) {
        Era era = c.era();
        Set<String> expected = new TreeSet<>();
        // A key the release lacks changes nothing; native ingress replaces the router only where the switch exists.
        boolean routerReplaced = c.input().name().equals("native-ingress") && era.nativeIngressSwitch();
        if (!routerReplaced) {
            // Every released router chart hard-codes one replica, and no input brings an HPA.
            expected.add("single-router");
        }
        if (!era.grafanaSignUpKey()) {
            // No ALLOW_SIGN_UP before 2.14: the Grafana image's own default opens sign-ups.
            expected.add("grafana-signup");
        }
        if (!era.hasRbacKey()) {
            expected.add("rbac-disabled");
        }
        if (!era.hasHostPortKey()) {
            expected.add("router-host-port");
        }
        if (!era.routerAnnotationKeys()) {
            expected.addAll(List.of("tls-missing", "tls-not-enforced", "tls-legacy-protocols", "no-ip-whitelist"));
        }
        if (era.storageSecretIn().equals("builder") && !c.input().files().containsKey("values/storage.yaml")) {
            // Before 2.9 the builder, registry and database Secrets read each chart's own s3 values, which the
            // umbrella's top-level s3: does not reach: their buckets stay the placeholders unless an overlay
            // sets them under each chart.
            expected.add("storage-placeholder");
        }
        CheckResult chart = outcome(c).chart();
        assertEquals(
                expected, new TreeSet<>(Findings.rules(chart)), () -> c + ", chart mode:\n" + Findings.describe(chart));
    }

    private static List<Verdict> minus(List<Verdict> these, List<Verdict> those) {
        List<Verdict> left = new ArrayList<>(these);
        left.removeAll(those);
        return left;
    }

    private static Outcome outcome(Case c) {
        return OUTCOMES.computeIfAbsent(c.toString(), name -> check(c));
    }

    /** Writes the era chart and the input into a fresh repository and checks it in both modes. */
    private static Outcome check(Case c) {
        try {
            Path repoDir = Files.createDirectories(
                    dir.resolve(c.era().tag() + "-" + c.input().name()));
            TestRepo repo = new TestRepo(repoDir);
            EraChart.write(c.era(), repoDir.resolve("charts/workflow"));
            c.input().files().forEach(repo::file);
            List<String> files = c.input().fileNames();
            CheckResult values = repo.check(b -> b.workflowVersion(c.era().version())
                    .values(files)
                    .set(c.input().set()));
            CheckResult chart = repo.check(
                    b -> b.chart("charts/workflow").values(files).set(c.input().set()));
            assertEquals(c.era().version(), chart.version().display(), c + ": the version chart mode detects");
            return new Outcome(values, chart);
        } catch (InputException | IOException e) {
            throw new AssertionError(c + ": " + e.getMessage(), e);
        }
    }
}
