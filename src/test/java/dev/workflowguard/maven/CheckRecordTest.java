package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workflowguard.check.InputFingerprint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A check record keeps lines exactly, and is ignored when it is not for these inputs or is damaged. */
class CheckRecordTest {

    @TempDir
    Path dir;

    @Test
    void linesWithBreaksAndBackslashesComeBackExactly() throws Exception {
        Files.writeString(dir.resolve("report.json"), "{}");
        String odd = "a\\nb\nc\r\nd \\ e\\";
        new CheckRecord(
                        "f1",
                        List.of(new RecordingLog.Line("warn", odd), new RecordingLog.Line("info", "")),
                        List.of("::error file=x::" + odd),
                        "failed\nhere",
                        Map.of("report.json", InputFingerprint.sha256(dir.resolve("report.json"))))
                .write(dir);
        CheckRecord record = CheckRecord.matching(dir, "f1");
        CapturingLog log = new CapturingLog();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MojoFailureException failure = assertThrows(
                MojoFailureException.class,
                () -> record.replay(log, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertEquals("failed\nhere", failure.getMessage());
        assertEquals(List.of("[WARNING] " + odd, "[INFO] "), log.lines);
        assertEquals("::error file=x::" + odd + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRecordForOtherInputsOrDamagedIsNotUsed() throws Exception {
        new CheckRecord("f1", List.of(new RecordingLog.Line("info", "ok")), List.of(), null, Map.of()).write(dir);
        assertNull(CheckRecord.matching(dir, "f2"));
        Path file = dir.resolve(CheckRecord.FILE);
        Files.writeString(file, Files.readString(file).replace("info ok", "bogus"));
        assertNull(CheckRecord.matching(dir, "f1"));
        Files.writeString(file, "not a record");
        assertNull(CheckRecord.matching(dir, "f1"));
        Files.delete(file);
        assertNull(CheckRecord.matching(dir, "f1"));
    }
}
