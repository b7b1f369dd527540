package dev.workflowguard.check;

import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.rules.CheckContext;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.rules.ManifestFacts;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleFindings;
import dev.workflowguard.secrets.SecretMask;
import dev.workflowguard.suppress.Suppression;
import dev.workflowguard.suppress.SuppressionProblem;
import dev.workflowguard.suppress.SuppressionReader;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.yaml.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks committed manifests one file at a time, on the reader threads, so that a repository of
 * a thousand clusters' renders keeps only findings in memory, never every cluster's objects.
 *
 * <p>Each file is checked with the values, as if it were the only manifest file; what a file
 * keeps is its rules' findings, its secrets (for masking), its annotation suppressions and the
 * {@link ManifestFacts} it shows. Joined, those are exactly what checking all files as one set
 * gives when every file shows the same facts (every cluster's render has its router Service, none
 * has an autoscaler, ...). When the files disagree (a render split into one file per template,
 * an HPA committed in a file of its own), evidence in one file changes what another file's
 * objects mean: {@link Result#consistent()} is then false and the caller checks them as one set.
 */
final class FileByFileCheck {

    private final List<Rule> rules;
    private final EffectiveValues values;
    private final WorkflowVersion version;
    private final String externalCertificate;
    private final FixOptions fixOptions;
    private final Set<String> ruleIds;

    /**
     * @param rules the rules to run on each file
     * @param externalCertificate a declared certificate managed outside the chart, or null
     * @param fixOptions the options the rules propose fixes with
     * @param ruleIds every rule id an annotation may name
     */
    FileByFileCheck(
            List<Rule> rules,
            EffectiveValues values,
            WorkflowVersion version,
            String externalCertificate,
            FixOptions fixOptions,
            Set<String> ruleIds) {
        this.rules = rules;
        this.values = values;
        this.version = version;
        this.externalCertificate = externalCertificate;
        this.fixOptions = fixOptions;
        this.ruleIds = ruleIds;
    }

    /** What one file leaves behind once its objects are dropped. */
    record Outcome(
            ManifestFacts facts,
            List<RuleFindings> findings,
            SecretMask.Builder secrets,
            List<Suppression> suppressions,
            List<SuppressionProblem> problems,
            SourceFile file) {}

    /** Runs on a reader thread with one file's objects. */
    Outcome check(SourceFile file, ManifestSet objects) {
        CheckContext context =
                new CheckContext(values, objects, version, externalCertificate, fixOptions, null, objects);
        List<RuleFindings> findings = RuleRun.collect(rules, context);
        SecretMask.Builder secrets = SecretMask.builder();
        SuppressionReader annotations = new SuppressionReader(ruleIds);
        List<Suppression> suppressions = new ArrayList<>();
        List<SuppressionProblem> problems = new ArrayList<>();
        for (KubeObject object : objects.objects()) {
            secrets.object(object);
            annotations.readAnnotations(object, suppressions, problems);
        }
        return new Outcome(ManifestFacts.of(rules, objects), findings, secrets, suppressions, problems, file);
    }

    /** The files' outcomes joined, in file order. */
    record Result(
            boolean consistent,
            List<RuleFindings> findings,
            SecretMask.Builder secrets,
            List<Suppression> suppressions,
            List<SuppressionProblem> problems,
            List<SourceFile> files) {}

    Result join(List<Outcome> outcomes) {
        Joiner joiner = joiner();
        outcomes.forEach(joiner);
        return joiner.result();
    }

    Joiner joiner() {
        return new Joiner();
    }

    /**
     * Folds outcomes in file order as they arrive, so that only the joined findings stay in memory,
     * and remembers whether every file showed the same facts.
     */
    final class Joiner implements Consumer<Outcome> {
        private final List<RuleFindings> findings = new ArrayList<>(rules.size());
        private final SecretMask.Builder secrets = SecretMask.builder();
        private final List<Suppression> suppressions = new ArrayList<>();
        private final List<SuppressionProblem> problems = new ArrayList<>();
        private final List<SourceFile> files = new ArrayList<>();
        private ManifestFacts first;
        private boolean consistent = true;

        private Joiner() {
            for (int i = 0; i < rules.size(); i++) {
                findings.add(new RuleFindings());
            }
        }

        @Override
        public void accept(Outcome outcome) {
            if (first == null) {
                first = outcome.facts();
            }
            consistent &= outcome.facts().equals(first);
            for (int i = 0; i < rules.size(); i++) {
                findings.get(i).addAll(outcome.findings().get(i));
            }
            secrets.add(outcome.secrets());
            suppressions.addAll(outcome.suppressions());
            problems.addAll(outcome.problems());
            files.add(outcome.file());
        }

        Result result() {
            return new Result(consistent, findings, secrets, suppressions, problems, files);
        }
    }
}
