package dev.workflowguard.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain scalars are typed as Helm (Go yaml v2) types them, not as SnakeYAML does. */
class HelmScalarsTest {

    private static YamlScalar parse(String yamlValue) throws YamlException {
        YamlMap root = (YamlMap) new YamlLoader(YamlLimits.DEFAULTS)
                .loadFirst(SourceFile.ofText("v.yaml", "k: " + yamlValue + "\n"))
                .root();
        return (YamlScalar) root.get("k");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"})
    void helmTrueSpellings(String word) throws Exception {
        YamlScalar scalar = parse(word);
        assertEquals(HelmType.BOOL, scalar.type());
        assertTrue(scalar.isTrue());
        assertEquals("true", scalar.rendered());
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"})
    void helmFalseSpellings(String word) throws Exception {
        YamlScalar scalar = parse(word);
        assertEquals(HelmType.BOOL, scalar.type());
        assertTrue(scalar.isFalse());
        assertEquals("false", scalar.rendered());
        assertFalse(scalar.isTemplateTruthy());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "'yes'", "tRUE", "yEs", "\"false\""})
    void quotedOrOddlyCasedWordsAreStrings(String text) throws Exception {
        YamlScalar scalar = parse(text);
        assertEquals(HelmType.STRING, scalar.type());
        assertTrue(scalar.isTemplateTruthy(), "a non-empty string is true in a Go template, even \"false\"");
    }

    @ParameterizedTest
    @CsvSource({
        "~, NULL",
        "null, NULL",
        "Null, NULL",
        "NULL, NULL",
        "12, INT",
        "0x1F, INT",
        "0o17, INT",
        "017, INT",
        "1_000, INT",
        "-3, INT",
        "+3, INT",
        "1.5, FLOAT",
        ".inf, FLOAT",
        "1e3, FLOAT",
        "08, FLOAT",
        "1:20, STRING",
        "0b101, INT",
        "!!str 12, STRING",
        "!!bool yes, BOOL",
        "!!int '3', INT",
        "v2.11.0, STRING"
    })
    void typesFollowGoYamlV2(String text, HelmType expected) throws Exception {
        assertEquals(expected, parse(text).type());
    }

    @ParameterizedTest
    @CsvSource({"0x1F, 31", "017, 15", "0o17, 15", "1_000, 1000", "+3, 3"})
    void integersRenderInDecimal(String text, String rendered) throws Exception {
        assertEquals(rendered, parse(text).rendered());
    }

    @ParameterizedTest
    @CsvSource(
            value = {"'':false", "0:false", "1:true", "'0':true", "null:false", "~:false"},
            delimiter = ':',
            quoteCharacter = '"')
    void goTemplateTruthiness(String text, boolean truthy) throws Exception {
        assertEquals(truthy, parse(text).isTemplateTruthy());
    }

    @Test
    void integersWithMoreThan64SignificantDigitsAreOutOfRangeAndRejectedFast() {
        assertEquals(Optional.of(BigInteger.ONE), HelmScalars.parseInt("0".repeat(1000) + "1"));
        assertEquals(Optional.of(new BigInteger("18446744073709551615")), HelmScalars.parseInt("0b" + "1".repeat(64)));
        assertEquals(Optional.empty(), HelmScalars.parseInt("0b1" + "0".repeat(64)));
        // 8 million digits: BigInteger alone would take about an hour.
        String digits = "9".repeat(8_000_000);
        assertEquals(
                Optional.empty(),
                org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        Duration.ofMinutes(2), () -> HelmScalars.parseInt(digits)));
        assertEquals(HelmType.FLOAT, HelmScalars.typeOfPlain(digits));
    }
}
