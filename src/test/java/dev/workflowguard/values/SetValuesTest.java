package dev.workflowguard.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.yaml.HelmType;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlScalar;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `--set` parsing and typing as Helm does it, with positions findings can point at. */
class SetValuesTest {

    private static YamlScalar scalar(ValuesSource source, String... keys) {
        YamlMap map = source.root();
        for (int i = 0; i < keys.length - 1; i++) {
            map = (YamlMap) map.get(keys[i]);
        }
        return (YamlScalar) map.get(keys[keys.length - 1]);
    }

    @ParameterizedTest
    @CsvSource(
            value = {
                "true|BOOL|true",
                "TRUE|BOOL|true",
                "False|BOOL|false",
                "null|NULL|null",
                "NULL|NULL|null",
                "0|INT|0",
                "42|INT|42",
                "-7|INT|-7",
                "007|STRING|007",
                "1.5|STRING|1.5",
                "yes|STRING|yes",
                "''|STRING|''",
                "admin_only|STRING|admin_only"
            },
            delimiter = '|',
            quoteCharacter = '"')
    void typingFollowsHelm(String value, HelmType type, String text) throws Exception {
        YamlScalar scalar = scalar(SetValues.parse(List.of("a.b=" + value)), "a", "b");
        assertEquals(type, scalar.type());
        assertEquals(text, scalar.text());
    }

    @Test
    void pairsNestedKeysEscapesListsAndIndices() throws Exception {
        ValuesSource source = SetValues.parse(List.of(
                "controller.registration_mode=enabled",
                "router.deployment_annotations.router\\.deis\\.io/nginx\\.ssl\\.enforce=true",
                "hosts={a,b,c}",
                "list[1].name=x",
                "note=a\\,b"));
        assertEquals(
                "enabled", scalar(source, "controller", "registration_mode").text());
        assertEquals(
                "true",
                scalar(source, "router", "deployment_annotations", "router.deis.io/nginx.ssl.enforce")
                        .text());
        assertEquals(3, ((YamlList) source.root().get("hosts")).items().size());
        YamlList list = (YamlList) source.root().get("list");
        assertEquals(2, list.items().size());
        assertEquals("x", ((YamlScalar) ((YamlMap) list.items().get(1)).get("name")).text());
        assertEquals("a,b", scalar(source, "note").text());
    }

    @Test
    void mavenSplitsCommasButListsSurvive() throws Exception {
        // -Dworkflow.set=a={x,y},b=1 reaches the mojo as ["a={x", "y}", "b=1"].
        ValuesSource source = SetValues.parse(List.of("a={x", "y}", "b=1"));
        assertEquals(2, ((YamlList) source.root().get("a")).items().size());
        assertEquals(HelmType.INT, scalar(source, "b").type());
    }

    @Test
    void eachPairIsALineOfTheSetPseudoFile() throws Exception {
        ValuesSource source = SetValues.parse(List.of("a=1", "controller.registration_mode=enabled"));
        YamlScalar mode = scalar(source, "controller", "registration_mode");
        assertEquals("--set", mode.file().displayName());
        assertEquals(2, mode.start().line());
        assertEquals(30, mode.start().column());
    }

    @Test
    void laterPairsWinAndMergeIntoMaps() throws Exception {
        ValuesSource source = SetValues.parse(List.of("a.b=1", "a.c=2", "a.b=3"));
        assertEquals("3", scalar(source, "a", "b").text());
        assertEquals("2", scalar(source, "a", "c").text());
    }

    @Test
    void aCommaInsideAValueIsExplainedWithoutShowingTheValue() {
        String message = assertThrows(
                        SetValues.SetException.class,
                        () -> SetValues.parse(List.of("monitor.grafana.password=Zq7,kumquat")))
                .getMessage();
        assertEquals(
                "--set expression 2 has no \"=\"; write key=value (a comma separates expressions, as in Helm: a comma "
                        + "inside a value is written \\,)",
                message);
    }

    @Test
    void malformedExpressionsAreRefused() {
        assertTrue(assertThrows(SetValues.SetException.class, () -> SetValues.parse(List.of("novalue")))
                .getMessage()
                .contains("has no \"=\""));
        assertTrue(assertThrows(SetValues.SetException.class, () -> SetValues.parse(List.of("a={x,y")))
                .getMessage()
                .contains("unbalanced"));
        assertTrue(assertThrows(SetValues.SetException.class, () -> SetValues.parse(List.of("a[x]=1")))
                .getMessage()
                .contains("list index"));
    }

    @Test
    void listIndexesAreBoundedAsHelmBoundsThem() throws Exception {
        // Was an IndexOutOfBoundsException and an OutOfMemoryError (a list filled up to the index).
        assertTrue(assertThrows(SetValues.SetException.class, () -> SetValues.parse(List.of("a[-1]=x")))
                .getMessage()
                .contains("negative list index -1"));
        assertTrue(assertThrows(SetValues.SetException.class, () -> SetValues.parse(List.of("a[999999999]=x")))
                .getMessage()
                .contains("greater than the maximum Helm supports, 65536"));
        SetValues.parse(List.of("a[65536]=x"));
    }
}
