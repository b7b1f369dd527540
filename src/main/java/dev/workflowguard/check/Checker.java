package dev.workflowguard.check;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.secrets.SecretMask;
import dev.workflowguard.yaml.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a check as a pipeline of stages, each taking what the stages before it produced: the inputs,
 * the rule settings, the Workflow release, the values, the committed manifests, the secrets they
 * hold, the chart's render, the rules' findings (traced back to the values and masked), the
 * suppressions, the baseline, and the edits of manifests the user opted into. Stateless and safe to
 * share between threads.
 */
public final class Checker {

    /** Told how a long check goes (for a progress line on large repositories and slow renders). */
    @FunctionalInterface
    public interface Progress {
        /** How many manifest files are read, as reading goes. */
        void filesRead(int done, int total);

        /** What the check is doing now that may take a while (rendering, provenance probes); null when done. */
        default void working(String doing) {}
    }

    /** File, line, column, rule. */
    static final Comparator<Finding> ORDER = Comparator.comparing(
                    (Finding f) -> f.location().fileName())
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column())
            .thenComparing(Finding::rule);

    private final Progress progress;
    private final boolean countManifestFixes;

    /** A checker that tells nothing of its progress. */
    public Checker() {
        this((done, total) -> {});
    }

    public Checker(Progress progress) {
        this(progress, false);
    }

    private Checker(Progress progress, boolean countManifestFixes) {
        this.progress = progress;
        this.countManifestFixes = countManifestFixes;
    }

    /**
     * This checker, counting in {@link CheckResult#fixableInManifests()} the findings an edit of the committed
     * manifests would correct even when the request does not ask for such edits (a fix says how many more it
     * could make there). Not for every check: the edits are kept in memory until the end, for every file.
     */
    public Checker countingManifestFixes() {
        return new Checker(progress, true);
    }

    public CheckResult check(CheckRequest request) throws InputException {
        CheckInputs inputs = CheckInputs.of(request);
        RuleSettings rules = RuleSettings.of(request, countManifestFixes);
        WorkflowRelease release = WorkflowRelease.resolve(inputs);
        UserValues values = UserValues.read(inputs, release);
        CommittedManifests committed = CommittedManifests.read(inputs, rules, release, values, progress);
        KnownSecrets secrets = KnownSecrets.in(values, committed);
        Rendering rendering = Rendering.render(inputs, release, values, committed, secrets, progress);
        SecretMask mask = secrets.plus(rendering.rendered()).mask();
        List<Finding> found = rendering.findAndRelocate(
                probe -> RuleRun.findings(inputs, rules, release, values, committed, rendering, probe));
        progress.working(null);
        // Every message leaves the engine masked: the reports, the baseline and the log all come from these.
        List<Finding> masked = found.stream().map(mask::mask).toList();
        Suppressions suppressions = Suppressions.apply(inputs, rules, masked, values, committed, rendering);
        BaselineComparison baseline = BaselineComparison.compare(inputs, suppressions.active());
        ManifestFixOptIn outcome = ManifestFixOptIn.apply(request.fixOptions().manifests(), baseline, suppressions);
        return result(inputs, release, values, committed, rendering, mask, baseline, outcome);
    }

    /** The outcome as the goals and reports see it, findings in file, line, column and rule order. */
    private static CheckResult result(
            CheckInputs inputs,
            WorkflowRelease release,
            UserValues values,
            CommittedManifests committed,
            Rendering rendering,
            SecretMask mask,
            BaselineComparison baseline,
            ManifestFixOptIn outcome) {
        List<String> notes = new ArrayList<>(release.notes());
        notes.addAll(committed.notes());
        notes.addAll(rendering.notes());
        List<String> checked = Stream.concat(values.sourceFiles().stream(), committed.files().stream())
                .map(SourceFile::displayName)
                .toList();
        String chart = inputs.request().chart();
        return new CheckResult(
                outcome.active().stream().sorted(ORDER).toList(),
                values.files().size() + committed.files().size() + release.chartFiles(),
                release.version(),
                notes,
                values.sourceFiles(),
                outcome.suppressed(),
                outcome.baselined().stream().sorted(ORDER).toList(),
                baseline.fixed(),
                checked,
                mask,
                chart == null ? null : inputs.files().displayName(inputs.files().resolve(chart)),
                release.chartFiles(),
                values.effective(),
                outcome.fixableInManifests());
    }
}
