package dev.workflowguard.check;

import dev.workflowguard.finding.Location;
import dev.workflowguard.suppress.Suppression;
import dev.workflowguard.suppress.SuppressionProblem;
import dev.workflowguard.suppress.SuppressionReader;
import dev.workflowguard.yaml.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Suppression comments read from manifest files while their text is in memory (the streaming
 * reader releases it right after); safe to fill from several reader threads.
 */
final class ManifestComments implements Consumer<SourceFile> {

    /** Reads nothing: for a second pass over files whose comments were already read. */
    static final Consumer<SourceFile> NONE = file -> {};

    /** By file name, then line: the order of the files, whatever order the reader threads finished in. */
    private static final Comparator<Location> BY_FILE_AND_LINE =
            Comparator.comparing(Location::fileName).thenComparingInt(Location::line);

    private final SuppressionReader reader;
    private final List<Suppression> suppressions = new ArrayList<>();
    private final List<SuppressionProblem> problems = new ArrayList<>();

    /** @param ruleIds every rule id a suppression may name */
    ManifestComments(Set<String> ruleIds) {
        this.reader = new SuppressionReader(ruleIds);
    }

    @Override
    public void accept(SourceFile file) {
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

    /** The suppressions read, in file and line order. */
    synchronized List<Suppression> suppressions() {
        return suppressions.stream()
                .sorted(Comparator.comparing(Suppression::source, BY_FILE_AND_LINE))
                .toList();
    }

    /** The comments that could not be read as suppressions, in file and line order. */
    synchronized List<SuppressionProblem> problems() {
        return problems.stream()
                .sorted(Comparator.comparing(SuppressionProblem::location, BY_FILE_AND_LINE))
                .toList();
    }
}
