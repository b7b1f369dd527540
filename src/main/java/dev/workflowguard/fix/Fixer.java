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
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plans the corrections for every fixable finding of a check. Each edit goes to the file that set
 * the effective value (the last overlay that sets it), or to the fix target when the value came
 * from a chart default. Nothing is written here; see {@link SafeWriter}.
 */
public final class Fixer {

    public static final String TARGET_PARAMETER = "fixTarget / workflow.fix.target";

    private final Checker checker = new Checker();

    public FixPlan plan(CheckRequest request, String fixTarget) throws InputException {
        CheckResult result = checker.check(request);
        SourceFile target = target(request, result, fixTarget);
        YamlEditor editor = new YamlEditor(request.limits());
        YamlLoader loader = new YamlLoader(request.limits());
        Map<SourceFile, String> texts = new LinkedHashMap<>();
        result.valuesFiles().forEach(file -> texts.put(file, file.text()));
        Map<SourceFile, List<FixPlan.Applied>> applied = new HashMap<>();
        List<FixPlan.Refused> refused = new ArrayList<>();
        List<Finding> fixable = new ArrayList<>(result.findings());
        fixable.addAll(result.baselined()); // accepted for now, still worth correcting; suppressed ones are left alone
        for (Finding finding : fixable) {
            ProposedFix fix = finding.fix();
            if (fix != null) {
                SourceFile file = fix.target() != null ? fix.target() : receiver(fix.path(), target, result, loader);
                if (file != null && file.displayName().equals(dev.workflowguard.values.SetValues.DISPLAY_NAME)) {
                    refused.add(new FixPlan.Refused(finding, "the value comes from --set (workflow.set); change it there"));
                } else if (file == null || !texts.containsKey(file)) {
                    refused.add(new FixPlan.Refused(finding, "no values file to write it to"));
                } else {
                    apply(editor, texts, applied, refused, finding, file,
                            Edit.values(fix.path(), fix.value(), fix.quoted()), new ValuesPath(fix.path()).toString());
                }
            }
            for (ManifestFix manifestFix : finding.manifestFixes()) {
                texts.putIfAbsent(manifestFix.file(), manifestFix.file().text());
                apply(editor, texts, applied, refused, finding, manifestFix.file(),
                        new Edit(manifestFix.document(), manifestFix.path(), manifestFix.value(), manifestFix.quoted()),
                        manifestFix.object() + " " + pathWords(manifestFix.path()));
            }
        }
        List<FixPlan.FileChange> changes = new ArrayList<>();
        for (Map.Entry<SourceFile, String> entry : texts.entrySet()) {
            if (!Objects.equals(entry.getKey().text(), entry.getValue())) {
                changes.add(new FixPlan.FileChange(entry.getKey(), entry.getValue(),
                        applied.getOrDefault(entry.getKey(), List.of())));
            }
        }
        return new FixPlan(result, changes, refused);
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

    /** Makes one edit on the current text of a file, or records why it was refused. */
    private static void apply(YamlEditor editor, Map<SourceFile, String> texts,
            Map<SourceFile, List<FixPlan.Applied>> applied, List<FixPlan.Refused> refused, Finding finding,
            SourceFile file, Edit edit, String valuesPath) {
        SourceFile current = new SourceFile(file.path(), file.displayName(), texts.get(file), file.charset(),
                file.hasByteOrderMark());
        try {
            texts.put(file, editor.apply(current, edit));
            String what = (valuesPath != null ? valuesPath : edit.describePath()) + " set to "
                    + (edit.mustQuote() ? "\"" + edit.value() + "\"" : edit.value());
            applied.computeIfAbsent(file, f -> new ArrayList<>()).add(new FixPlan.Applied(finding, what));
        } catch (EditException e) {
            refused.add(new FixPlan.Refused(finding, e.getMessage()));
        }
    }

    /** Checks the inputs as they would be once the plan is written, without writing anything. */
    public CheckResult recheck(CheckRequest request, FixPlan plan) throws InputException {
        Map<Path, SourceFile> overrides = new HashMap<>(request.textOverrides());
        for (FixPlan.FileChange change : plan.changes()) {
            overrides.put(change.file().path().toAbsolutePath().normalize(), change.corrected());
        }
        return checker.check(request.withOverrides(overrides));
    }

    /**
     * The file a key that no file sets is written to: the fix target, unless a values file after it
     * sets one of the key's parents to something that is not a mapping, such as the empty
     * {@code deployment_annotations:} of the chart's own values.yaml. Helm lets that later value
     * replace the target's whole mapping, so a key written to the target would have no effect; it
     * goes to the last such file instead, where every later file can only merge into it.
     */
    private static SourceFile receiver(List<String> path, SourceFile target, CheckResult result, YamlLoader loader) {
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
        Path wanted = request.baseDirectory().toAbsolutePath().normalize().resolve(configured.trim()).normalize();
        for (SourceFile file : files) {
            if (file.path().toAbsolutePath().normalize().equals(wanted)) {
                return file;
            }
        }
        throw new InputException(configured + " is not one of the configured values files ("
                + String.join(", ", files.stream().map(SourceFile::displayName).toList()) + ")", TARGET_PARAMETER);
    }
}
