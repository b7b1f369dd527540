package dev.workflowguard.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.rules.CheckContext;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleFindings;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes the values merge: several values files (the input split at lines `--8<--`; the first line
 * picks the Workflow version) are merged as Helm merges them. Looking up any path, the paths the
 * rules read, every path a file sets, and paths below and beside them, never throws; every value
 * that a file set, deleted or blocked, and every place a rule reports, points into one of the files
 * and inside its text. Runs the corpus in
 * src/test/resources/dev/workflowguard/values/ValuesMergeFuzzTestInputs in every build; see CONTRIBUTING.md,
 * "Fuzzing", for fuzzing for real.
 */
class ValuesMergeFuzzTest {

    private static final YamlLimits LIMITS = new YamlLimits(1 << 20, 1 << 16, 40, 20, 10_000);
    private static final String[] VERSIONS = {null, "2.11.0", "2.14.0", "2.19.4", "2.20.0", "2.23.0", "3.0.0"};
    /** Paths the rules and defaults care about, so that lookups go where the rules go. */
    private static final List<String> KNOWN = List.of(
            "global.storage",
            "global.use_rbac",
            "global.grafana_location",
            "controller.registration_mode",
            "monitor.grafana.allow_sign_up",
            "monitor.grafana.password",
            "monitor.grafana.user",
            "router.host_port.enabled",
            "router.replicas",
            "router.deployment_annotations",
            "router.service_annotations",
            "router.dhparam",
            "s3.secretkey",
            "minio.enabled",
            "global.experimental_native_ingress",
            "a",
            "a.b",
            "a.b.c");

    @FuzzTest(maxDuration = "30s")
    void lookupsNeverThrowAndPointIntoAFile(byte[] input) throws Exception {
        String all = new String(input, StandardCharsets.UTF_8);
        int firstLine = all.indexOf('\n');
        if (firstLine < 0) {
            return;
        }
        String versionWord = all.substring(0, firstLine).trim();
        String version =
                versionWord.isEmpty() ? null : VERSIONS[Math.floorMod(versionWord.hashCode(), VERSIONS.length)];
        String[] texts = all.substring(firstLine + 1).split("(?m)^--8<--\r?\n", 6);
        YamlLoader loader = new YamlLoader(LIMITS);
        List<ValuesSource> sources = new ArrayList<>();
        Set<SourceFile> files = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < texts.length; i++) {
            SourceFile file = SourceFile.ofText("values-" + i + ".yaml", texts[i]);
            YamlDocument document;
            try {
                document = loader.loadFirst(file);
            } catch (YamlException e) {
                continue; // the checker refuses such a file before any merge
            }
            YamlMap root;
            if (document == null || document.isEmpty()) {
                root = new YamlMap(file, TextPosition.START, TextPosition.START, new LinkedHashMap<>());
            } else if (document.root() instanceof YamlMap map) {
                root = map;
            } else {
                continue; // refused by the checker too: a values file must be a mapping
            }
            sources.add(new ValuesSource(file, root, document == null ? List.of() : document.duplicates()));
            files.add(file);
        }
        if (sources.isEmpty()) {
            return;
        }
        WorkflowVersion workflowVersion = WorkflowVersion.parse(version);
        EffectiveValues values = new EffectiveValues(sources, ChartDefaults.forVersion(workflowVersion));

        Set<ValuesPath> paths = new LinkedHashSet<>();
        KNOWN.forEach(p -> paths.add(ValuesPath.parse(p)));
        for (ValuesSource source : sources) {
            collect(source.root(), new ArrayList<>(), paths, new IdentityHashMap<>(), 0);
        }
        for (ValuesPath path : new ArrayList<>(paths)) {
            paths.add(path.child("below"));
            paths.add(path.parent().child("beside"));
        }
        for (ValuesPath path : paths) {
            Value value = values.get(path);
            assertNotNull(value.state());
            value.text();
            value.fromChart();
            if (value.state() == Value.State.UNSET) {
                assertEquals(null, value.entry());
            } else {
                assertTrue(files.contains(value.entry().file()), () -> "value of " + path + " from a file not given");
                assertInside(values.locate(value), files, path.toString());
            }
            assertInside(values.locateAbsent(path), files, path.toString());
        }
        values.map("router.deployment_annotations");

        CheckContext context = new CheckContext(values, null, workflowVersion, null, FixOptions.DEFAULTS);
        for (Rule rule : RuleCatalogue.all()) {
            RuleFindings findings = new RuleFindings();
            rule.check(context, findings);
            for (RuleFindings.Pending pending : findings.pending()) {
                for (Place place : pending.places()) {
                    assertInside(place.location(), files, rule.id());
                    assertNotNull(place.message());
                }
            }
        }
    }

    /** Every path set in a file (aliases followed once, depth bounded). */
    private static void collect(
            YamlMap map,
            List<String> prefix,
            Set<ValuesPath> into,
            IdentityHashMap<YamlNode, Boolean> seen,
            int depth) {
        if (depth > 12 || seen.put(map, Boolean.TRUE) != null || into.size() > 2_000) {
            return;
        }
        for (YamlEntry entry : map.entries()) {
            List<String> keys = new ArrayList<>(prefix);
            keys.add(entry.name());
            into.add(new ValuesPath(keys));
            if (entry.value() instanceof YamlMap child) {
                collect(child, keys, into, seen, depth + 1);
            }
        }
    }

    private static void assertInside(Location location, Set<SourceFile> files, String what) {
        assertTrue(
                files.contains(location.file()), () -> what + " points at " + location.file() + ", not a given file");
        String text = location.file().text();
        int codePoints = text.codePointCount(0, text.length());
        TextPosition at = location.position();
        assertTrue(
                at.line() >= 1 && at.column() >= 1 && at.offset() >= 0 && at.offset() <= codePoints,
                () -> what + " points at " + location + " (offset " + at.offset() + "), outside the file");
    }
}
