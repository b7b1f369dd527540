package dev.workflowguard.fix;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.check.InputException;
import dev.workflowguard.edit.Edit;
import dev.workflowguard.edit.EditException;
import dev.workflowguard.edit.YamlEditor;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.ManifestFix;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.values.SetValues;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the corrections for every fixable finding of a check. Each edit goes to the file that set
 * the effective value (the last overlay that sets it), or to the fix target when the value came
 * from a chart default. An edit is refused, with the reason, when its file may not be written, when
 * the editor cannot make it exactly, or when Helm's merge of all the values files would change more
 * than the keys the fix reports (see {@link MergeProof}). Nothing is written here; see {@link SafeWriter}.
 */
public final class Fixer {

    public static final String TARGET_PARAMETER = "fixTarget / workflow.fix.target";

    private final Checker checker;

    public Fixer() {
        this(new Checker());
    }

    /** @param checker checks again after a plan, in {@link #recheck} (and checks first in {@link #plan(CheckRequest, String)}) */
    public Fixer(Checker checker) {
        this.checker = checker;
    }

    /** Checks, then plans the corrections: for a caller without a check of its own (the goals pass theirs). */
    public FixPlan plan(CheckRequest request, String fixTarget) throws InputException {
        return plan(request, checker.check(request), fixTarget);
    }

    /** Plans the corrections for a check already made with this request (the check goal's fixable count). */
    public FixPlan plan(CheckRequest request, CheckResult result, String fixTarget) throws InputException {
        SourceFile target = target(request, result, fixTarget);
        YamlLoader loader = new YamlLoader(request.limits());
        SafeWriter writer = new SafeWriter(request.baseDirectory());
        Writability writability = new Writability(writer, result.valuesFiles());
        List<Candidate> candidates = new ArrayList<>();
        Map<Candidate, String> refused = new HashMap<>();
        List<Finding> fixable = new ArrayList<>(result.findings());
        fixable.addAll(result.baselined()); // accepted for now, still worth correcting; suppressed ones are left alone
        for (Finding finding : fixable) {
            ProposedFix fix = finding.fix();
            if (fix != null) {
                SourceFile file = fix.target() != null ? fix.target() : receiver(fix.path(), target, result, loader);
                ValuesPath path = new ValuesPath(fix.path());
                Candidate candidate = new Candidate(
                        finding, file, Edit.values(fix.path(), fix.value(), fix.quoted()), path, path.toString());
                candidates.add(candidate);
                if (file != null && file.displayName().equals(SetValues.DISPLAY_NAME)) {
                    refused.put(candidate, "the value comes from --set (workflow.set); change it there");
                } else if (file == null || !result.valuesFiles().contains(file)) {
                    refused.put(
                            candidate,
                            "no values file is configured to write it to (valuesFiles / " + "workflow.values)");
                }
            }
            for (ManifestFix manifestFix : finding.manifestFixes()) {
                candidates.add(new Candidate(
                        finding,
                        manifestFix.file(),
                        new Edit(manifestFix.document(), manifestFix.path(), manifestFix.value(), manifestFix.quoted()),
                        null,
                        manifestFix.object() + " " + pathWords(manifestFix.path())));
            }
        }
        for (Candidate candidate : candidates) {
            String why = refused.containsKey(candidate) ? null : writability.refusal(candidate.file());
            if (why != null) {
                refused.put(candidate, why);
            }
        }
        // Edit, prove, and start again without the edits the proof refuses, until it holds: each round refuses
        // at least one edit, so this ends.
        MergeProof proof = new MergeProof(result, loader);
        YamlEditor editor = new YamlEditor(request.limits());
        while (true) {
            Edits edits = new Edits(editor, result);
            for (Candidate candidate : candidates) {
                if (!refused.containsKey(candidate)) {
                    edits.apply(candidate);
                }
            }
            Map<Candidate, String> disproved = proof.refusals(edits);
            if (disproved.isEmpty()) {
                refused.putAll(edits.refused);
                return new FixPlan(result, edits.changes(writability), inOrder(candidates, refused));
            }
            refused.putAll(disproved);
        }
    }

    /** `spec.template.spec.containers[0].env[4].value`, with keys holding dots quoted as in values paths. */
    static String pathWords(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(new ValuesPath(List.of((String) step)));
            }
        }
        return out.toString();
    }

    private static List<FixPlan.Refused> inOrder(List<Candidate> candidates, Map<Candidate, String> refusals) {
        List<FixPlan.Refused> refused = new ArrayList<>();
        for (Candidate candidate : candidates) {
            String why = refusals.get(candidate);
            if (why != null) {
                refused.add(new FixPlan.Refused(candidate.finding(), why));
            }
        }
        return refused;
    }

    /**
     * One edit a finding asks for.
     *
     * @param valuesPath the values key it sets, or null for an edit of a rendered manifest
     * @param where what it sets, for the log: the values path, or the object and the path in it
     */
    record Candidate(Finding finding, SourceFile file, Edit edit, ValuesPath valuesPath, String where) {

        /** Compared by identity: two findings may ask for the same edit, and each is answered. */
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        String description() {
            return where + " set to " + (edit.mustQuote() ? "\"" + edit.value() + "\"" : edit.value());
        }
    }

    /** The edits of one round: each file's text so far, which candidates it holds, which the editor refused. */
    static final class Edits {
        private final YamlEditor editor;
        final Map<SourceFile, String> texts = new LinkedHashMap<>();
        final Map<SourceFile, List<Candidate>> applied = new LinkedHashMap<>();
        final Map<Candidate, String> refused = new HashMap<>();

        Edits(YamlEditor editor, CheckResult result) {
            this.editor = editor;
            result.valuesFiles().forEach(file -> texts.put(file, file.text()));
        }

        void apply(Candidate candidate) {
            SourceFile file = candidate.file();
            texts.computeIfAbsent(file, SourceFile::text);
            SourceFile current = new SourceFile(
                    file.path(), file.displayName(), texts.get(file), file.charset(), file.hasByteOrderMark());
            try {
                texts.put(file, editor.apply(current, candidate.edit()));
                applied.computeIfAbsent(file, f -> new ArrayList<>()).add(candidate);
            } catch (EditException e) {
                refused.put(candidate, refusalInOriginalLines(file, current, candidate, e));
            }
        }

        /**
         * The editor's lines are those of the text it was given, which earlier edits of the same file may have
         * moved; the user has the original. The edit is tried on the original text to say why in its lines.
         */
        private String refusalInOriginalLines(
                SourceFile file, SourceFile current, Candidate candidate, EditException refusal) {
            if (current.text().equals(file.text())) {
                return refusal.getMessage();
            }
            try {
                editor.apply(file, candidate.edit());
                return refusal.getMessage() + " (once the other corrections to " + file.displayName() + " are made)";
            } catch (EditException inOriginal) {
                return inOriginal.getMessage();
            }
        }

        /** The values edits made, in the order they were made. */
        List<Candidate> valuesEdits() {
            return applied.values().stream()
                    .flatMap(List::stream)
                    .filter(c -> c.valuesPath() != null)
                    .toList();
        }

        List<FixPlan.FileChange> changes(Writability writability) {
            List<FixPlan.FileChange> changes = new ArrayList<>();
            for (Map.Entry<SourceFile, String> entry : texts.entrySet()) {
                SourceFile file = entry.getKey();
                if (!file.text().equals(entry.getValue())) {
                    List<FixPlan.Applied> made = applied.getOrDefault(file, List.of()).stream()
                            .map(c -> new FixPlan.Applied(c.finding(), c.description()))
                            .toList();
                    changes.add(new FixPlan.FileChange(file, entry.getValue(), made, writability.target(file)));
                }
            }
            return changes;
        }
    }

    /** Whether each file may be written, asked once per file (see {@link SafeWriter#target}). */
    static final class Writability {
        private final SafeWriter writer;
        private final List<SourceFile> valuesFiles;
        private final Map<SourceFile, Object> answers = new HashMap<>();

        Writability(SafeWriter writer, List<SourceFile> valuesFiles) {
            this.writer = writer;
            this.valuesFiles = valuesFiles;
        }

        /** Why the file may not be written, or null when it may. */
        String refusal(SourceFile file) {
            Object answer = answers.computeIfAbsent(file, this::ask);
            return answer instanceof String why ? why : null;
        }

        Path target(SourceFile file) {
            Object answer = answers.computeIfAbsent(file, this::ask);
            return answer instanceof Path path ? path : null;
        }

        private Object ask(SourceFile file) {
            Path real;
            try {
                real = writer.target(file);
            } catch (SafeWriter.RefusedException e) {
                return e.getMessage();
            }
            // Helm reads a file given twice twice; an edit made for one reading would silently change the other.
            for (SourceFile other : valuesFiles) {
                if (other != file && sameFile(other.path(), real)) {
                    return file.displayName() + " is the same file as " + other.displayName() + " (a link leads from "
                            + "one to the other); an edit of one would change both, so the fix leaves it alone: "
                            + "correct it by hand";
                }
            }
            return real;
        }

        private static boolean sameFile(Path path, Path real) {
            try {
                return path.toRealPath().equals(real);
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** Checks the inputs as they would be once the plan is written, without writing anything. */
    public CheckResult recheck(CheckRequest request, FixPlan plan) throws InputException {
        return recheck(request, plan, null);
    }

    /**
     * Checks the inputs as they would be once the plan is written, without writing anything; findings are
     * fixable only when a next fix would correct them.
     */
    public CheckResult recheck(CheckRequest request, FixPlan plan, String fixTarget) throws InputException {
        Map<Path, SourceFile> overrides = new HashMap<>(request.textOverrides());
        for (FixPlan.FileChange change : plan.changes()) {
            overrides.put(change.file().path().toAbsolutePath().normalize(), change.corrected());
        }
        CheckRequest after = request.withOverrides(overrides);
        return plan(after, checker.check(after), fixTarget).checkResult();
    }

    /**
     * The file a key that no file sets is written to: the fix target, unless a values file after it
     * sets one of the key's parents to something that is not a mapping, such as the empty
     * {@code deployment_annotations:} of the chart's own values.yaml. Helm lets that later value
     * replace the target's whole mapping, so a key written to the target would have no effect; it
     * goes to the last such file instead, where every later file can only merge into it.
     */
    private static SourceFile receiver(List<String> path, SourceFile target, CheckResult result, YamlLoader loader) {
        if (target == null) {
            return null; // no values file at all (only --set, a chart or manifests): nothing to write a key to
        }
        List<SourceFile> files = result.valuesFiles();
        SourceFile receiver = target;
        for (int i = files.indexOf(target) + 1; i > 0 && i < files.size(); i++) {
            YamlNode node;
            try {
                YamlDocument document = loader.loadFirst(files.get(i));
                node = document == null ? null : document.root();
            } catch (YamlException e) {
                continue; // the check read it already; an unreadable file cannot override anything
            }
            for (String key : path.subList(0, path.size() - 1)) {
                YamlEntry entry = node instanceof YamlMap map ? map.entry(key) : null;
                if (entry == null) {
                    break;
                }
                node = entry.value();
                if (!(node instanceof YamlMap)) {
                    receiver = files.get(i);
                    break;
                }
            }
        }
        return receiver;
    }

    /** The fix target: the configured values file, or the last one. */
    private static SourceFile target(CheckRequest request, CheckResult result, String configured)
            throws InputException {
        List<SourceFile> files = result.valuesFiles();
        if (configured == null || configured.isBlank()) {
            return files.isEmpty() ? null : files.get(files.size() - 1);
        }
        Path wanted = request.baseDirectory()
                .toAbsolutePath()
                .normalize()
                .resolve(configured.trim())
                .normalize();
        for (SourceFile file : files) {
            if (file.path().toAbsolutePath().normalize().equals(wanted)) {
                return file;
            }
        }
        throw new InputException(
                configured + " is not one of the configured values files ("
                        + String.join(
                                ", ",
                                files.stream().map(SourceFile::displayName).toList()) + ")",
                TARGET_PARAMETER);
    }
}
