package dev.workflowguard.fix;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Location;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.values.ValuesDifference;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlScalar;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Proves that the values edits of a fix change Helm's effective values (every values file merged in
 * order, nulls deleting, over the chart defaults) in the keys the fix reports and nowhere else, the way
 * the editor proves each file by parsing it again: merge before, merge after, compare.
 *
 * <p>The case it exists for: an overlay's {@code deployment_annotations: null} deletes what the base
 * sets under it; writing a key there turns the null into a mapping, and Helm merges the base's keys
 * back in. Such an edit is refused with a sentence that names the null and what would come back.
 */
final class MergeProof {

    /** How many brought-back keys a refusal names before it says "and N more". */
    private static final int NAMED = 4;

    private final CheckResult result;
    private final YamlLoader loader;

    MergeProof(CheckResult result, YamlLoader loader) {
        this.result = result;
        this.loader = loader;
    }

    /** The values edits of this round that must be refused, each with its reason; empty when the round is proven. */
    Map<Fixer.Candidate, String> refusals(Fixer.Edits edits) {
        EffectiveValues before = result.effectiveValues();
        List<Fixer.Candidate> made = edits.valuesEdits();
        Map<Fixer.Candidate, String> refusals = new LinkedHashMap<>();
        if (before == null || made.isEmpty()) {
            return refusals;
        }
        EffectiveValues after = before;
        Map<SourceFile, SourceFile> edited = new HashMap<>();
        for (SourceFile file : result.valuesFiles()) {
            String text = edits.texts.get(file);
            if (text == null || text.equals(file.text())) {
                continue;
            }
            SourceFile corrected =
                    new SourceFile(file.path(), file.displayName(), text, file.charset(), file.hasByteOrderMark());
            try {
                YamlDocument document = loader.loadFirst(corrected);
                YamlMap root = document != null && document.root() instanceof YamlMap map
                        ? map
                        : new YamlMap(corrected, TextPosition.START, TextPosition.START, new LinkedHashMap<>());
                after = after.replacing(
                        file, new ValuesSource(corrected, root, document == null ? List.of() : document.duplicates()));
                edited.put(file, corrected);
            } catch (YamlException e) {
                // The editor parsed this text already; if it ever could not be read again, nothing of it is written.
                made.stream()
                        .filter(c -> c.file() == file)
                        .forEach(c -> refusals.put(
                                c,
                                "internal error: the corrected " + file.displayName()
                                        + " could not be read again to prove the merge, so nothing was written to it"));
            }
        }
        if (!refusals.isEmpty()) {
            return refusals;
        }
        for (Fixer.Candidate candidate : made) {
            Value value = after.get(candidate.valuesPath());
            if (!value.isSet() || value.entry().file() != edited.get(candidate.file())) {
                refusals.put(candidate, withoutEffect(candidate, value));
            }
        }
        Set<String> topLevelKeys = new HashSet<>();
        Set<ValuesPath> intended = new HashSet<>();
        for (Fixer.Candidate candidate : made) {
            topLevelKeys.add(candidate.valuesPath().keys().get(0));
            intended.add(candidate.valuesPath());
        }
        List<ValuesDifference.Changed> unintended = ValuesDifference.between(before, after, topLevelKeys).stream()
                .filter(changed -> !intended.contains(changed.path()))
                .toList();
        if (unintended.isEmpty()) {
            return refusals;
        }
        Set<ValuesDifference.Changed> explained = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Fixer.Candidate candidate : made) {
            Deletion deletion = nullAbove(candidate, before);
            if (deletion == null) {
                continue;
            }
            List<ValuesDifference.Changed> back =
                    unintended.stream().filter(c -> c.isUnder(deletion.at())).toList();
            if (!back.isEmpty()) {
                explained.addAll(back);
                refusals.putIfAbsent(candidate, bringsBack(candidate, deletion, back));
            }
        }
        List<ValuesDifference.Changed> unexplained =
                unintended.stream().filter(c -> !explained.contains(c)).toList();
        if (!unexplained.isEmpty()) {
            // Nothing but a null turned into a mapping should do this; if anything else ever does, write nothing.
            for (Fixer.Candidate candidate : made) {
                refusals.putIfAbsent(
                        candidate,
                        "the values edits of this fix would also change " + keys(unexplained)
                                + " in the values Helm merges from all the values files, which no finding asks for; "
                                + "correct it by hand");
            }
        }
        return refusals;
    }

    /** A null in the edited file above the key an edit sets, and the key that holds it. */
    private record Deletion(YamlEntry entry, ValuesPath at) {}

    /** The null (written or left empty) of the edited file above the key the edit sets, if any. */
    private static Deletion nullAbove(Fixer.Candidate candidate, EffectiveValues before) {
        ValuesSource source = before.source(candidate.file());
        YamlMap map = source == null ? null : source.root();
        List<String> keys = candidate.valuesPath().keys();
        for (int i = 0; i < keys.size() - 1 && map != null; i++) {
            YamlEntry entry = map.entry(keys.get(i));
            if (entry == null) {
                return null;
            }
            if (entry.value() instanceof YamlScalar scalar && scalar.isNull()) {
                return new Deletion(entry, candidate.valuesPath().prefix(i + 1));
            }
            map = entry.value() instanceof YamlMap next ? next : null;
        }
        return null;
    }

    private static String bringsBack(
            Fixer.Candidate candidate, Deletion deletion, List<ValuesDifference.Changed> back) {
        YamlEntry entry = deletion.entry();
        ValuesPath at = deletion.at();
        boolean empty = ((YamlScalar) entry.value()).text().isEmpty();
        return new Location(entry.file(), entry.valuePosition())
                + (empty ? " leaves " + at + " empty, which Helm reads as null" : " sets " + at + " to null")
                + ": that deletes what earlier values "
                + "files and the chart set under it. Writing " + candidate.valuesPath() + " there would make " + at
                + " a mapping again and bring back " + keys(back) + ". Decide by hand which keys " + at
                + " should hold";
    }

    /** Why an edit would not decide its key: a later file sets it, or deletes or replaces a parent. */
    private static String withoutEffect(Fixer.Candidate candidate, Value value) {
        String file = candidate.file().displayName();
        if (value.entry() == null) {
            return "writing " + candidate.valuesPath() + " to " + file
                    + " would not take effect in Helm's merge of the " + "values files; correct it by hand";
        }
        Location later = new Location(value.entry().file(), value.entry().valuePosition());
        return later + " sets " + value.entryPath() + " after " + file + ", so " + candidate.valuesPath()
                + " written to " + file + " would not take effect; correct it by hand";
    }

    /** Keys, each with where its value comes from; values are never shown (they may be credentials). */
    private static String keys(List<ValuesDifference.Changed> changed) {
        String text = changed.stream()
                .limit(NAMED)
                .map(change -> change.path() + " (" + origin(change.after()) + ")")
                .collect(Collectors.joining(", "));
        return changed.size() > NAMED ? text + " and " + (changed.size() - NAMED) + " more" : text;
    }

    private static String origin(Value value) {
        if (value.entry() != null && value.isSet()) {
            return new Location(value.entry().file(), value.entry().valuePosition()).toString();
        }
        if (value.state() == Value.State.UNSET && value.chartDefault() != null) {
            return value.chartDefault().location() != null
                    ? "chart default, " + value.chartDefault().location()
                    : "the chart default";
        }
        return "removed";
    }
}
