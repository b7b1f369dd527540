package dev.workflowguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleTextTest {

    private static final String MESSAGE =
            "pass it with `-Dworkflow.set=monitor.grafana.password=…` (Workflow 2.15.0 – 2.23.0)";

    @Test
    void anAsciiConsoleGetsThePluginsCharactersSpelledInAscii() {
        assertEquals(
                "pass it with `-Dworkflow.set=monitor.grafana.password=...` (Workflow 2.15.0 - 2.23.0)",
                new ConsoleText(StandardCharsets.US_ASCII).shown(MESSAGE));
    }

    @Test
    void aConsoleThatShowsEveryCharacterGetsTheTextAsItIs() {
        assertEquals(MESSAGE, new ConsoleText(StandardCharsets.UTF_8).shown(MESSAGE));
    }

    @Test
    void otherCharactersAreLeftToTheConsole() {
        // A user's own file name: not the plugin's wording to respell (the JVM writes what it can).
        assertEquals(
                "values/größe.yaml: ...", new ConsoleText(StandardCharsets.US_ASCII).shown("values/größe.yaml: …"));
        assertEquals("", new ConsoleText(StandardCharsets.US_ASCII).shown(null));
    }
}
