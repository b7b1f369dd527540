package dev.workflowguard.rules;

import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.yaml.DuplicateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** `duplicate-key`: a mapping repeats a key; Helm and kubectl silently keep the last one. */
public final class DuplicateKeyRule implements Rule {

    static final String ID = "duplicate-key";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.ERROR,
            "no",
            "A mapping repeats a key (Helm silently keeps the last one).",
            "A repeated key hides a setting: whoever reads the file sees the first value while Helm uses the last, "
                    + "so a reviewed production setting can be silently undone.",
            true,
            true,
            "Delete one of the repeated keys, keeping the value you mean; Helm (and kubectl) use the last one.");

    private static final RuleInputs INPUTS = RuleInputs.builder().everyMapping().build();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleInputs inputs() {
        return INPUTS;
    }

    @Override
    public void check(CheckContext context, RuleFindings findings) {
        Map<String, Integer> repeats = new HashMap<>();
        EffectiveValues values = context.values();
        if (values != null) {
            for (ValuesSource source : values.sources()) {
                for (DuplicateKey duplicate : source.duplicates()) {
                    List<String> keys = new ArrayList<>(duplicate.path());
                    keys.add(duplicate.key());
                    String path = new ValuesPath(keys).toString();
                    findings.report(
                            cause(duplicate, null, repeats),
                            Place.inValues(
                                    location(duplicate),
                                    path,
                                    path
                                            + " is set twice in the same mapping (first at line "
                                            + duplicate.first().start().line()
                                            + "); Helm silently uses this later value and ignores the first: delete one of them"));
                }
            }
        }
        ManifestSet manifests = context.manifests();
        if (manifests != null) {
            for (ManifestSet.ManifestDuplicate found : manifests.duplicates()) {
                DuplicateKey duplicate = found.duplicate();
                String where = found.object() == null ? "" : found.object() + ": ";
                String path = duplicate.path().isEmpty() ? "" : " under " + String.join(".", duplicate.path());
                findings.report(
                        cause(duplicate, found.object(), repeats),
                        Place.inManifest(
                                location(duplicate),
                                found.object(),
                                where + "key \""
                                        + duplicate.key() + "\"" + path + " is repeated (first at line "
                                        + duplicate.first().start().line()
                                        + "); only this later value is applied: delete one of them"));
            }
        }
    }

    private static Location location(DuplicateKey duplicate) {
        return new Location(duplicate.second().file(), duplicate.second().start());
    }

    /**
     * The file, object and keys of the repeated key, and which repeat of it there this is: no offset or line, which
     * move with every line added above (a baseline entry is matched by the cause, and must not move).
     */
    private static String cause(DuplicateKey duplicate, String object, Map<String, Integer> repeats) {
        List<String> keys = new ArrayList<>(duplicate.path());
        keys.add(duplicate.key());
        String where = duplicate.second().file().displayName() + "#" + (object == null ? "" : object) + "#"
                + String.join("\0", keys);
        return where + "#" + repeats.merge(where, 1, Integer::sum);
    }
}
