package dev.workflowguard.edit;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import java.util.List;
import java.util.Objects;

/**
 * Sets scalar values in YAML text by splicing the original text at the spans the parser reports,
 * so that comments, blank lines, indentation, quoting, key order, line endings and a byte order
 * mark stay exactly as they were. Constructs that cannot be edited exactly are refused by the plan
 * with a sentence naming them; every result is then parsed again and must mean the old document
 * with exactly the intended change, otherwise the edit is refused as an internal error (a bug) and
 * nothing changes.
 */
public final class YamlEditor {

    private final YamlLimits limits;
    private final YamlLoader loader;

    public YamlEditor(YamlLimits limits) {
        this.limits = limits;
        this.loader = new YamlLoader(limits);
    }

    /**
     * Returns the file's text with the edit made.
     *
     * @throws EditException when the edit cannot be made safely; its message is a sentence for the
     *     user naming the file, the construct and its line (a value shared through an anchor, a
     *     parent that is not a mapping, a custom tag…)
     */
    public String apply(SourceFile file, Edit edit) throws EditException {
        List<YamlDocument> documents;
        try {
            documents = loader.loadAll(file);
        } catch (YamlException e) {
            throw new EditException("cannot be edited: " + e.getMessage());
        }
        EditPlan plan;
        try {
            Layout layout = Layout.of(file, limits, edit.document());
            if (layout.documents().size() != documents.size()) {
                throw new IllegalStateException("the parser and the loader count different documents");
            }
            plan = new EditPlan(file, documents, layout, edit);
        } catch (RuntimeException e) {
            throw internal(
                    file,
                    edit,
                    0,
                    "the edit could not be planned (" + e.getClass().getSimpleName() + ")");
        }
        String result;
        try {
            result = Splice.apply(file.text(), plan.splices());
        } catch (IllegalArgumentException e) {
            throw internal(file, edit, plan.line(), "its changes overlap");
        }
        verify(file, documents, result, edit, plan.line());
        return result;
    }

    /**
     * Proves the edited text means the old text with exactly the intended change ({@code line}: where
     * the edit was made in the text as it was, for the message). Package-private for its test.
     */
    void verify(SourceFile file, List<YamlDocument> before, String result, Edit edit, int line) throws EditException {
        SourceFile edited =
                new SourceFile(file.path(), file.displayName(), result, file.charset(), file.hasByteOrderMark());
        List<YamlDocument> after;
        try {
            after = loader.loadAll(edited);
        } catch (YamlException e) {
            // The parser's positions are in text that was never written: only the original line is named.
            throw internal(file, edit, line, "the edited text would not parse again");
        }
        // An empty file has no document at all; once a key is added it has one.
        int documents = Math.max(before.size(), edit.document() + 1);
        if (after.size() != documents) {
            throw internal(file, edit, line, "the number of documents would change");
        }
        for (int i = 0; i < documents; i++) {
            Object expected = i < before.size() ? TreeData.of(before.get(i).root()) : null;
            if (i == edit.document()) {
                expected = TreeData.with(expected, edit.path(), TreeData.intended(edit));
            }
            if (!Objects.equals(expected, TreeData.of(after.get(i).root()))) {
                throw internal(file, edit, line, "the document would not read back as intended");
            }
            int duplicatesBefore =
                    i < before.size() ? before.get(i).duplicates().size() : 0;
            if (after.get(i).duplicates().size() != duplicatesBefore) {
                throw internal(file, edit, line, "a duplicate key would appear");
            }
        }
    }

    /** A refusal that only a bug in the editor can cause; it names the line of the file as it was. */
    private static EditException internal(SourceFile file, Edit edit, int line, String why) {
        String where = line > 0 ? file.displayName() + " at line " + line : file.displayName();
        return new EditException("internal error: setting " + edit.describePath() + " in " + where
                + " was refused because " + why + "; nothing was written to it (please report this)");
    }
}
