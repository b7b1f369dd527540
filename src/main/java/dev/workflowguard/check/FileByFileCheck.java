package dev.workflowguard.check;

import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.rules.CheckContext;
import dev.workflowguard.rules.ManifestFacts;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleFindings;
import dev.workflowguard.secrets.SecretMask;
import dev.workflowguard.suppress.Suppression;
import dev.workflowguard.suppress.SuppressionProblem;
import dev.workflowguard.suppress.SuppressionReader;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.WorkflowVersion;
import dev.workflowguard.yaml.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

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
final class FileByFileCheck implements BiFunction<SourceFile, ManifestSet, FileByFileCheck.Outcome> {

    private final List<Rule> rules;
    private final EffectiveValues values;
    private final WorkflowVersion version;
    private final CheckRequest request;
    private final Set<String> ruleIds;

    FileByFileCheck(
            List<Rule> rules,
            EffectiveValues values,
            WorkflowVersion version,
            CheckRequest request,
            Set<String> ruleIds) {
        this.rules = rules;
        this.values = values;
        this.version = version;
        this.request = request;
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

    /** {@link #check}, as the reader calls it (a class, not a method reference: no lambda to spin up cold). */
    @Override
    public Outcome apply(SourceFile file, ManifestSet objects) {
        return check(file, objects);
    }

    /** Runs on a reader thread with one file's objects. */
    Outcome check(SourceFile file, ManifestSet objects) {
        CheckContext context = new CheckContext(
                values, objects, version, request.externalCertificate(), request.fixOptions(), null, objects);
        List<RuleFindings> findings = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            RuleFindings found = new RuleFindings();
            rule.check(context, found);
            findings.add(found);
        }
        SecretMask.Builder secrets = SecretMask.builder();
        SuppressionReader annotations = new SuppressionReader(ruleIds);
        List<Suppression> suppressions = new ArrayList<>();
        List<SuppressionProblem> problems = new ArrayList<>();
        for (KubeObject object : objects.objects()) {
            secrets.object(object);
            annotations.readAnnotations(object, suppressions, problems);
        }
        return new Outcome(
                ManifestFacts.of(objects, request.fixOptions()), findings, secrets, suppressions, problems, file);
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
        for (Outcome outcome : outcomes) {
            joiner.accept(outcome);
        }
        return joiner.result();
    }

    Joiner joiner() {
        return new Joiner();
    }

    /**
     * Folds outcomes in file order as they arrive, so that only the joined findings stay in memory,
     * and remembers whether every file showed the same facts.
     */
    final class Joiner implements java.util.function.Consumer<Outcome> {
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
