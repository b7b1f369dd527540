package dev.workflowguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownParametersTest {

    private static final List<String> CHECK =
            List.of("valuesFiles", "workflowVersion", "failOnSeverity", "severities", "skip", "checkSkip");

    private static Map<String, String> others() {
        Map<String, String> others = new LinkedHashMap<>();
        others.put("storage", "workflow:fix");
        others.put("dryRun", "workflow:fix");
        others.put("skip", "workflow:fix"); // shared with check: check's own
        others.put("baseline", "workflow:baseline");
        return others;
    }

    private final UnknownParameters check = new UnknownParameters("workflow:check", CHECK, others());

    @Test
    void aMisspelledParameterIsNamedWithWhereItIsAndWhatWasMeant() {
        assertEquals(
                List.of("pom.xml:14:11: <workflowVerison> is not a parameter of workflow:check: Maven ignores it, and "
                        + "the goal runs as if it were not there; did you mean <workflowVersion>?"),
                check.warnings(List.of(new ConfiguredElement("workflowVerison", "pom.xml:14:11", false))));
    }

    @Test
    void anElementNamedAsAParametersCommandLinePropertyIsSuggestedTheParameter() {
        UnknownParameters withProperties = new UnknownParameters(
                "workflow:check",
                List.of("reportFormats", "workflowVersion"),
                Map.of(),
                Map.of("workflow.formats", "reportFormats", "workflow.version", "workflowVersion"));
        assertEquals(
                List.of(
                        "pom.xml:24:11: <formats> is not a parameter of workflow:check: Maven ignores it, and the goal "
                                + "runs as if it were not there; did you mean <reportFormats>? (-Dworkflow.formats on "
                                + "the command line)",
                        "pom.xml:25:11: <workflow.version> is not a parameter of workflow:check: Maven ignores it, and "
                                + "the goal runs as if it were not there; did you mean <workflowVersion>? "
                                + "(-Dworkflow.version on the command line)"),
                withProperties.warnings(List.of(
                        new ConfiguredElement("formats", "pom.xml:24:11", false),
                        new ConfiguredElement("workflow.version", "pom.xml:25:11", false))));
    }

    @Test
    void anElementCloseToNothingIsNamedWithoutASuggestion() {
        assertEquals(
                List.of(
                        "../parent/pom.xml:30:9: <chartVersion> is not a parameter of workflow:check: Maven ignores it, "
                                + "and the goal runs as if it were not there"),
                check.warnings(List.of(new ConfiguredElement("chartVersion", "../parent/pom.xml:30:9", false))));
    }

    @Test
    void knownParametersAndAnotherGoalsParametersAtPluginLevelAreNotReported() {
        assertEquals(
                List.of(),
                check.warnings(List.of(
                        new ConfiguredElement("workflowVersion", "pom.xml:1", false),
                        new ConfiguredElement("checkSkip", "pom.xml:2", true),
                        new ConfiguredElement("storage", "pom.xml:3", false), // for fix: plugin level is shared
                        new ConfiguredElement("baseline", "pom.xml:4", false))));
    }

    @Test
    void anotherGoalsParameterInsideThisGoalsExecutionHasNoEffectThere() {
        assertEquals(
                List.of("pom.xml:20:13: <storage> is a parameter of workflow:fix, not of workflow:check: inside this "
                        + "<execution> Maven ignores it"),
                check.warnings(List.of(new ConfiguredElement("storage", "pom.xml:20:13", true))));
    }

    @Test
    void atPluginLevelAnotherGoalsParameterMayBeSuggested_insideAnExecutionOnlyThisGoals() {
        assertEquals(
                List.of(
                        "pom.xml:5: <dryRn> is not a parameter of workflow:check: Maven ignores it, and the goal runs "
                                + "as if it were not there; did you mean <dryRun>?",
                        "pom.xml:9: <dryRn> is not a parameter of workflow:check: Maven ignores it, and the goal runs "
                                + "as if it were not there"),
                check.warnings(List.of(
                        new ConfiguredElement("dryRn", "pom.xml:5", false),
                        new ConfiguredElement("dryRn", "pom.xml:9", true))));
    }

    @Test
    void eachUnknownElementIsReportedInTheOrderWritten() {
        List<String> warnings = check.warnings(List.of(
                new ConfiguredElement("severites", "pom.xml:7:11", false),
                new ConfiguredElement("valuesFiles", "pom.xml:8:11", false),
                new ConfiguredElement("failOnSeverty", "pom.xml:9:11", true)));
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("pom.xml:7:11: <severites>"), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("did you mean <severities>?"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("pom.xml:9:11: <failOnSeverty>"), warnings.get(1));
        assertTrue(warnings.get(1).endsWith("did you mean <failOnSeverity>?"), warnings.get(1));
    }
}
