package dev.workflowguard.manifests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.workflowguard.edit.Edit;
import dev.workflowguard.edit.EditException;
import dev.workflowguard.edit.YamlEditor;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.ManifestFix;
import dev.workflowguard.finding.Place;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.rules.CheckContext;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleFindings;
import dev.workflowguard.rules.RuleInputs;
import dev.workflowguard.secrets.SecretMask;
import dev.workflowguard.values.ChartDefaults;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the rules over rendered manifests (hostile object shapes: a List whose items are not
 * objects, metadata that is a list, containers that are numbers…), optionally together with a
 * values file (after a line `--8<--`). Reading either ends in a {@link YamlException} or in objects;
 * then every rule runs without throwing, every place it reports lies inside one of the files, every
 * in-place manifest fix is either made by the editor or refused with an {@link EditException}, and
 * masking secrets never throws. Runs the corpus in
 * src/test/resources/dev/workflowguard/manifests/ManifestRulesFuzzTestInputs in every build.
 */
class ManifestRulesFuzzTest {

    private static final YamlLimits LIMITS = new YamlLimits(1 << 20, 1 << 16, 40, 20, 10_000);

    @FuzzTest(maxDuration = "30s")
    void rulesNeverThrowOnRenderedObjects(byte[] input) throws Exception {
        String[] parts = new String(input, StandardCharsets.UTF_8).split("(?m)^--8<--\r?\n", 2);
        YamlLoader loader = new YamlLoader(LIMITS);
        SourceFile manifests = SourceFile.ofText("rendered.yaml", parts[0]);
        ManifestSet set;
        try {
            set = new ManifestReader(loader, RuleInputs.selection(RuleCatalogue.all())).read(List.of(manifests));
        } catch (YamlException e) {
            return;
        }
        EffectiveValues values = null;
        SourceFile valuesFile = null;
        if (parts.length > 1) {
            valuesFile = SourceFile.ofText("values.yaml", parts[1]);
            try {
                YamlDocument document = loader.loadFirst(valuesFile);
                YamlMap root = document == null || document.isEmpty()
                        ? new YamlMap(
                                valuesFile, TextPosition.START, TextPosition.START, new java.util.LinkedHashMap<>())
                        : document.root() instanceof YamlMap map ? map : null;
                if (root != null) {
                    values = new EffectiveValues(
                            List.of(new ValuesSource(
                                    valuesFile, root, document == null ? List.of() : document.duplicates())),
                            ChartDefaults.forVersion(WorkflowVersion.parse("2.19.0")));
                }
            } catch (YamlException e) {
                values = null;
            }
        }
        SecretMask.Builder secrets = SecretMask.builder();
        set.objects().forEach(secrets::object);
        if (values != null) {
            values.sources().forEach(secrets::values);
        }
        SecretMask mask = secrets.build();
        CheckContext context =
                new CheckContext(values, set, WorkflowVersion.parse("2.19.0"), null, FixOptions.DEFAULTS);
        YamlEditor editor = new YamlEditor(LIMITS);
        for (Rule rule : RuleCatalogue.all()) {
            RuleFindings found = new RuleFindings();
            rule.check(context, found);
            for (RuleFindings.Pending pending : found.pending()) {
                for (Place place : pending.places()) {
                    assertInside(place.location(), manifests, valuesFile, rule.id());
                    assertNotNull(place.message());
                }
                mask.mask(new Finding(
                        rule.id(),
                        rule.info().defaultSeverity(),
                        pending.cause(),
                        pending.places(),
                        pending.fix(),
                        pending.manifestFixes()));
                for (ManifestFix fix : pending.manifestFixes()) {
                    try {
                        editor.apply(fix.file(), new Edit(fix.document(), fix.path(), fix.value(), fix.quoted()));
                    } catch (EditException refused) {
                        // refusing is always allowed
                    }
                }
            }
        }
    }

    private static void assertInside(Location location, SourceFile manifests, SourceFile values, String rule) {
        assertTrue(
                location.file() == manifests || (values != null && location.file() == values),
                () -> rule + " points at " + location + ", not a given file");
        String text = location.file().text();
        TextPosition at = location.position();
        assertTrue(
                at.line() >= 1 && at.column() >= 1 && at.offset() <= text.codePointCount(0, text.length()),
                () -> rule + " points at " + location + ", outside the file");
    }
}
