package dev.workflowguard.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which keys Helm sees differently when one values file is replaced: nulls, chart defaults, lists, types. */
class ValuesDifferenceTest {

    private static final YamlLoader LOADER = new YamlLoader(YamlLimits.DEFAULTS);

    private static ValuesSource source(String name, String text) throws Exception {
        SourceFile file = SourceFile.ofText(name, text);
        YamlDocument document = LOADER.loadFirst(file);
        return new ValuesSource(file, (YamlMap) document.root(), document.duplicates());
    }

    /** The keys that differ when prod.yaml's text becomes {@code after}, under the given top-level keys. */
    private static List<String> changed(String base, String before, String after, String... topLevelKeys)
            throws Exception {
        List<ValuesSource> sources = new ArrayList<>(List.of(source("base.yaml", base), source("prod.yaml", before)));
        EffectiveValues was = new EffectiveValues(sources, ChartDefaults.forVersion(WorkflowVersion.parse("2.19.0")));
        EffectiveValues is = was.replacing(sources.get(1).file(), source("prod.yaml", after));
        return ValuesDifference.between(was, is, Set.of(topLevelKeys)).stream()
                .map(c -> c.path() + ": " + c.before().state() + " -> "
                        + c.after().state())
                .toList();
    }

    @Test
    void aNullTurnedIntoAMappingBringsBackTheBasesKeysAndTheChartsDefaults() throws Exception {
        assertEquals(
                List.of(
                        "router.deployment_annotations.w: DELETED -> SET",
                        "router.deployment_annotations.a: DELETED -> SET",
                        "router.host_port.enabled: DELETED -> UNSET"),
                changed(
                        "router:\n  deployment_annotations:\n    w: \"10.0.0.0/8\"\n", "router: ~\n",
                        "router:\n  deployment_annotations:\n    a: \"1\"\n", "router"));
    }

    @Test
    void aKeyAddedUnderAnExistingMappingChangesOnlyThatKey() throws Exception {
        assertEquals(
                List.of("router.deployment_annotations.a: UNSET -> SET"),
                changed(
                        "router:\n  deployment_annotations:\n    w: \"x\"\n", "router:\n  replicas: 2\n",
                        "router:\n  replicas: 2\n  deployment_annotations:\n    a: \"1\"\n", "router"));
    }

    @Test
    void typesAndListsCountButQuotingAndPositionsDoNot() throws Exception {
        assertEquals(
                List.of("a.flag: SET -> SET", "a.list: SET -> SET"),
                changed(
                        "a:\n  same: 1\n", "a:\n  flag: yes\n  list: [1, 2]\n  text: 'x'\n",
                        "\n\na:\n  flag: \"yes\"\n  list: [1, \"2\"]\n  text: \"x\"\n", "a"));
        assertEquals(List.of(), changed("a:\n  same: 1\n", "a:\n  flag: on\n", "a: {flag: true}\n", "a"));
    }

    @Test
    void onlyTheGivenTopLevelKeysAreCompared() throws Exception {
        assertEquals(List.of(), changed("c: 0\n", "a: 1\nb: 1\n", "a: 1\nb: 2\n", "a"));
        assertEquals(List.of("b: SET -> SET"), changed("c: 0\n", "a: 1\nb: 1\n", "a: 1\nb: 2\n", "a", "b"));
    }
}
