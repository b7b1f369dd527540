package dev.workflowguard.fix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes are atomic, keep permissions and encoding, and refuse what must not be touched. */
class SafeWriterTest {

    @TempDir
    Path dir;

    private SourceFile read(Path file) throws Exception {
        return SourceReader.decode(file, dir.relativize(file).toString(), Files.readAllBytes(file));
    }

    @Test
    void replacesTheFileKeepingPermissionsAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("values.yaml");
        Files.writeString(file, "a: 1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        SourceFile original = read(file);
        new SafeWriter(dir).write(original, "a: 2\n");
        assertEquals("a: 2\n", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void keepsTheEncodingAndByteOrderMark() throws Exception {
        Path file = dir.resolve("v.yaml");
        byte[] bytes = "\uFEFFa: 1\r\n".getBytes(StandardCharsets.UTF_16LE);
        Files.write(file, bytes);
        SourceFile original = read(file);
        new SafeWriter(dir).write(original, original.text().replace("1", "2"));
        assertArrayEquals("\uFEFFa: 2\r\n".getBytes(StandardCharsets.UTF_16LE), Files.readAllBytes(file));
    }

    @Test
    void refusesAFileThatChangedSinceItWasRead() throws Exception {
        Path file = dir.resolve("values.yaml");
        Files.writeString(file, "a: 1\n");
        SourceFile original = read(file);
        Files.writeString(file, "a: 1\nb: edited meanwhile\n");
        SafeWriter.RefusedException e = assertThrows(SafeWriter.RefusedException.class,
                () -> new SafeWriter(dir).write(original, "a: 2\n"));
        assertTrue(e.getMessage().contains("changed on disk"), e.getMessage());
        assertEquals("a: 1\nb: edited meanwhile\n", Files.readString(file));
    }

    @Test
    void refusesASymbolicLinkLeadingOutsideTheProject() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside")).resolve("shared.yaml");
        Files.writeString(outside, "a: 1\n");
        Path project = Files.createDirectories(dir.resolve("project"));
        Path link = Files.createSymbolicLink(project.resolve("values.yaml"), outside);
        SourceFile original = SourceReader.decode(link, "values.yaml", Files.readAllBytes(link));
        SafeWriter.RefusedException e = assertThrows(SafeWriter.RefusedException.class,
                () -> new SafeWriter(project).write(original, "a: 2\n"));
        assertTrue(e.getMessage().contains("outside the project base directory"), e.getMessage());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals("a: 1\n", Files.readString(outside));
    }

    @Test
    void writesThroughALinkThatStaysInsideAndKeepsTheLink() throws Exception {
        Path real = Files.createDirectories(dir.resolve("shared")).resolve("values.yaml");
        Files.writeString(real, "a: 1\n");
        Path link = Files.createSymbolicLink(dir.resolve("values.yaml"), real);
        SourceFile original = SourceReader.decode(link, "values.yaml", Files.readAllBytes(link));
        new SafeWriter(dir).write(original, "a: 2\n");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("a: 2\n", Files.readString(real));
    }

    @Test
    void refusesAFileOutsideTheProject() throws Exception {
        Path outside = dir.resolve("elsewhere.yaml");
        Files.writeString(outside, "a: 1\n");
        Path project = Files.createDirectories(dir.resolve("project"));
        SafeWriter.RefusedException e = assertThrows(SafeWriter.RefusedException.class,
                () -> new SafeWriter(project).write(read(outside), "a: 2\n"));
        assertTrue(e.getMessage().contains("outside the project base directory"), e.getMessage());
    }
}
