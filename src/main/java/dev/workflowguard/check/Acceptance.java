package dev.workflowguard.check;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.render.Provenance;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.suppress.Baseline;
import dev.workflowguard.suppress.ConfiguredSuppression;
import dev.workflowguard.suppress.Suppression;
import dev.workflowguard.suppress.SuppressionProblem;
import dev.workflowguard.suppress.SuppressionReader;
import dev.workflowguard.suppress.Suppressor;
import dev.workflowguard.yaml.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Gathers the suppressions of the inputs and the POM, and reads the baseline: what a team has accepted. */
final class Acceptance {

    static final String BASELINE = "baseline / workflow.baseline";

    private Acceptance() {}

    /**
     * Suppression comments read from manifest files while their text is in memory (the streaming
     * reader releases it right after); safe to fill from several reader threads.
     */
    static final class Comments implements Consumer<SourceFile> {
        /** Reads nothing: for a second pass over files whose comments were already read. */
        static final Consumer<SourceFile> NONE = new Consumer<>() {
            @Override
            public void accept(SourceFile file) {}
        };

        private final SuppressionReader reader = new SuppressionReader(new HashSet<>(RuleCatalogue.ids()));
        private final List<Suppression> suppressions = new ArrayList<>();
        private final List<SuppressionProblem> problems = new ArrayList<>();

        /** {@link #read}, as the manifest reader calls it (a class, not a lambda: nothing to spin up cold). */
        @Override
        public void accept(SourceFile file) {
            read(file);
        }

        void read(SourceFile file) {
            if (!file.text().contains("workflow:ignore")) {
                return;
            }
            List<Suppression> found = new ArrayList<>();
            List<SuppressionProblem> wrong = new ArrayList<>();
            reader.readComments(file, found, wrong);
            synchronized (this) {
                suppressions.addAll(found);
                problems.addAll(wrong);
            }
        }

        /** In file and line order, whatever order the reader threads finished in. */
        synchronized void into(List<Suppression> allSuppressions, List<SuppressionProblem> allProblems) {
            List<Suppression> sortedSuppressions = new ArrayList<>(suppressions);
            sortedSuppressions.sort(new java.util.Comparator<>() {
                @Override
                public int compare(Suppression a, Suppression b) {
                    return compareLocations(a.source(), b.source());
                }
            });
            allSuppressions.addAll(sortedSuppressions);
            List<SuppressionProblem> sortedProblems = new ArrayList<>(problems);
            sortedProblems.sort(new java.util.Comparator<>() {
                @Override
                public int compare(SuppressionProblem a, SuppressionProblem b) {
                    return compareLocations(a.location(), b.location());
                }
            });
            allProblems.addAll(sortedProblems);
        }
    }

    /** By file name, then line. */
    private static int compareLocations(dev.workflowguard.finding.Location a, dev.workflowguard.finding.Location b) {
        int order = a.fileName().compareTo(b.fileName());
        return order != 0 ? order : Integer.compare(a.line(), b.line());
    }

    /**
     * @param provenance with a chart: tells the render's objects from committed ones and where their
     *     annotations come from; null without a chart
     */
    static Suppressor.Outcome suppress(
            CheckRequest request,
            List<Finding> findings,
            List<SourceFile> files,
            Comments manifestComments,
            ManifestSet manifests,
            List<Suppression> annotations,
            List<SuppressionProblem> annotationProblems,
            Provenance provenance) {
        SuppressionReader reader = new SuppressionReader(new HashSet<>(RuleCatalogue.ids()));
        List<Suppression> suppressions = new ArrayList<>();
        List<SuppressionProblem> problems = new ArrayList<>();
        Set<SourceFile> seen = new HashSet<>();
        for (SourceFile file : files) {
            if (seen.add(file)) {
                reader.readComments(file, suppressions, problems);
            }
        }
        manifestComments.into(suppressions, problems);
        if (manifests != null) {
            for (KubeObject object : manifests.objects()) {
                if (provenance != null && provenance.isRendered(object)) {
                    readRenderedAnnotations(reader, object, provenance, suppressions, problems);
                } else {
                    reader.readAnnotations(object, suppressions, problems);
                }
            }
        }
        // Read already, file by file, when the manifests were checked that way.
        suppressions.addAll(annotations);
        problems.addAll(annotationProblems);
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
        return Suppressor.apply(findings, suppressions, problems, request.today());
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

    static Baseline readBaseline(CheckRequest request, InputFiles inputs) throws InputException {
        Path file = inputs.resolve(request.baseline());
        if (!Files.isRegularFile(file)) {
            throw new InputException(
                    request.baseline() + " does not exist; write it with `mvn workflow:baseline`", BASELINE);
        }
        try {
            return Baseline.read(file);
        } catch (IOException e) {
            throw new InputException(request.baseline() + " " + e.getMessage(), BASELINE);
        }
    }
}
