package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.workflowguard.report.ConsoleText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The mark a per-module run finds in Maven's plugin context, and the log lines it prefixes. */
class ModuleRunTest {

    @Test
    void aRunIsForOneModuleOnlyWhileMarked() {
        Map<String, Object> context = new ConcurrentHashMap<>();
        assertNull(ModuleRun.label(context));
        assertNull(ModuleRun.label(null));
        ModuleRun.start(context, "cluster-eu");
        assertEquals("cluster-eu", ModuleRun.label(context));
        assertNull(ModuleRun.end(context));
        assertNull(ModuleRun.label(context));
        assertEquals(Map.of(), context);
    }

    @Test
    void aSkippedRunSaysSoOnlyInAPerModuleRun() {
        Map<String, Object> context = new ConcurrentHashMap<>();
        ModuleRun.skipped(context);
        assertEquals(Map.of(), context, "outside a per-module run, nothing is recorded");
        ModuleRun.start(context, "cluster-eu");
        ModuleRun.skipped(context);
        assertEquals("skipped", ModuleRun.end(context));
        assertEquals(Map.of(), context);
    }

    @Test
    void everyLineOfAModuleSaysWhichModule() {
        CapturingLog log = new CapturingLog();
        ConsoleLog module = new ConsoleLog("cluster-eu", log);
        module.info("workflow-guard: no findings");
        module.warn("values/prod.yaml:1:1: warning: x [rule]");
        module.error("values/prod.yaml:2:1: error: y [rule]", new IllegalStateException());
        module.error((CharSequence) null);
        assertEquals(
                List.of(
                        "[INFO] [cluster-eu] workflow-guard: no findings",
                        "[WARNING] [cluster-eu] values/prod.yaml:1:1: warning: x [rule]",
                        "[ERROR] [cluster-eu] values/prod.yaml:2:1: error: y [rule] <java.lang.IllegalStateException>",
                        "[ERROR] [cluster-eu] "),
                log.lines);
    }

    @Test
    void anAsciiConsoleReadsThePluginsEllipsisAsThreeDotsNotAQuestionMark() {
        CapturingLog log = new CapturingLog();
        ConsoleLog console = new ConsoleLog(null, log, new ConsoleText(StandardCharsets.US_ASCII));
        console.error("values.yaml:3:5: error: pass it with `-Dworkflow.set=monitor.grafana.password=…` [rule]");
        assertEquals(
                List.of("[ERROR] values.yaml:3:5: error: pass it with `-Dworkflow.set=monitor.grafana.password=...` "
                        + "[rule]"),
                log.lines);
    }
}
