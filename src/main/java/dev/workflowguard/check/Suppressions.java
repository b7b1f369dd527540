package dev.workflowguard.check;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.render.Provenance;
import dev.workflowguard.suppress.ConfiguredSuppression;
import dev.workflowguard.suppress.SuppressedFinding;
import dev.workflowguard.suppress.Suppression;
import dev.workflowguard.suppress.SuppressionProblem;
import dev.workflowguard.suppress.SuppressionReader;
import dev.workflowguard.suppress.Suppressor;
import dev.workflowguard.yaml.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The stage that applies what a team has accepted in writing: suppression comments in values and
 * manifest files, annotations on objects, {@code <suppression>} entries of the POM. A suppression
 * that cannot be read, has expired or covers nothing is a finding itself.
 *
 * @param active the findings no suppression accepts, then the findings about suppressions
 * @param suppressed the findings a suppression accepts
 */
record Suppressions(List<Finding> active, List<SuppressedFinding> suppressed) {

    static Suppressions apply(
            CheckInputs inputs,
            RuleSettings rules,
            List<Finding> findings,
            UserValues values,
            CommittedManifests committed,
            Rendering rendering) {
        CheckRequest request = inputs.request();
        SuppressionReader reader = new SuppressionReader(rules.ids());
        List<Suppression> suppressions = new ArrayList<>();
        List<SuppressionProblem> problems = new ArrayList<>();
        for (SourceFile file : new LinkedHashSet<>(values.sourceFiles())) {
            reader.readComments(file, suppressions, problems);
        }
        suppressions.addAll(committed.comments().suppressions());
        problems.addAll(committed.comments().problems());
        if (rendering.manifests() != null) {
            for (KubeObject object : rendering.manifests().objects()) {
                Provenance provenance = rendering.provenance();
                if (provenance != null && provenance.isRendered(object)) {
                    readRenderedAnnotations(reader, object, provenance, suppressions, problems);
                } else {
                    reader.readAnnotations(object, suppressions, problems);
                }
            }
        }
        // Read already, file by file, when the manifests were checked that way.
        suppressions.addAll(committed.annotations());
        problems.addAll(committed.annotationProblems());
        for (ConfiguredSuppression entry : request.suppressions()) {
            reader.readConfigured(
                    entry.rule(),
                    entry.file(),
                    entry.valuesPath(),
                    entry.object(),
                    entry.reason(),
                    entry.until(),
                    entry.source(),
                    suppressions,
                    problems);
        }
        Suppressor.Outcome outcome = Suppressor.apply(findings, suppressions, problems, request.today());
        List<Finding> active = new ArrayList<>(outcome.active());
        outcome.meta().stream()
                .filter(meta -> rules.enabled(meta.rule()))
                .map(meta -> new Finding(
                        meta.rule(), rules.severity(meta.rule()), meta.cause(), List.of(meta.place()), null))
                .forEach(active::add);
        return new Suppressions(List.copyOf(active), List.copyOf(outcome.suppressed()));
    }

    /**
     * The suppression annotations of an object of the fresh render, which exists only in memory: each
     * is written down where it comes from in the project (the values line that gives it, else the
     * template), and covers the object's findings wherever provenance moved them.
     */
    private static void readRenderedAnnotations(
            SuppressionReader reader,
            KubeObject object,
            Provenance provenance,
            List<Suppression> suppressions,
            List<SuppressionProblem> problems) {
        List<Suppression> found = new ArrayList<>();
        List<SuppressionProblem> wrong = new ArrayList<>();
        reader.readAnnotations(object, found, wrong);
        for (Suppression suppression : found) {
            suppressions.add(new Suppression(
                    suppression.rule(),
                    suppression.reason(),
                    suppression.until(),
                    provenance.annotationSource(object, suppression.source()),
                    new Suppression.ObjectScope(null, object.ref())));
        }
        for (SuppressionProblem problem : wrong) {
            problems.add(problem.at(provenance.annotationSource(object, problem.location())));
        }
    }
}
