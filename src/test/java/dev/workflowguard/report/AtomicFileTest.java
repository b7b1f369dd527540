package dev.workflowguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report appears whole or not at all, and no temporary file is left beside it. */
class AtomicFileTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCommittedFileReplacesTheOldOneAndLeavesNoTemporaryFile() throws IOException {
        Path report = dir.resolve("report.json");
        Files.writeString(report, "old");
        try (AtomicFile out = new AtomicFile(report)) {
            out.stream().write("new".getBytes(StandardCharsets.UTF_8));
            assertEquals("old", Files.readString(report), "replaced before it was complete");
            out.commit();
        }
        assertEquals("new", Files.readString(report));
        assertEquals(List.of("report.json"), names());
    }

    @Test
    void anAbandonedFileLeavesTheOldOneAndNoTemporaryFile() throws IOException {
        Path report = dir.resolve("report.json");
        Files.writeString(report, "old");
        try (AtomicFile out = new AtomicFile(report)) {
            out.stream().write("half".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("old", Files.readString(report));
        assertEquals(List.of("report.json"), names());
    }

    @Test
    void filesWrittenAtOnceInOneDirectoryDoNotShareATemporaryFile() throws IOException {
        try (AtomicFile a = new AtomicFile(dir.resolve("a.json"));
                AtomicFile b = new AtomicFile(dir.resolve("a.json"))) {
            a.stream().write('a');
            b.stream().write('b');
            assertEquals(2, names().size(), "two temporary files");
            a.commit();
            b.commit();
        }
        assertEquals("b", Files.readString(dir.resolve("a.json")));
        assertEquals(List.of("a.json"), names());
    }

    @Test
    void aReportIsReadableLikeAnyOtherFileTheBuildWrites() throws IOException {
        if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            return;
        }
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path report = dir.resolve("report.json");
        try (AtomicFile out = new AtomicFile(report)) {
            out.commit();
        }
        // Files.createTempFile would have made it owner-only whatever the umask.
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(report));
        assertTrue(Files.getPosixFilePermissions(report).contains(PosixFilePermission.OWNER_READ));
        assertFalse(Files.exists(dir.resolve(".report.json.tmp")));
    }
}
