package dev.workflowguard.fix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes are atomic, all or nothing across files, keep permissions and encoding, and refuse what must
 * not be touched. Tests run as root in CI, which ignores permission bits, and root cannot be kept from
 * replacing a file except by `chattr +i`: a failing move (an immutable file) and an edit made in the
 * middle of a write are made to happen through {@link SafeWriter.Steps}.
 */
class SafeWriterTest {

    @TempDir
    Path dir;

    private SourceFile read(Path file) throws Exception {
        return SourceReader.decode(file, dir.relativize(file).toString(), Files.readAllBytes(file));
    }

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static FixPlan.FileChange change(SourceFile file, String newText) {
        return new FixPlan.FileChange(file, newText, List.of(), null);
    }

    /** Every file under the folder, relative, sorted: temporary files show up here. */
    private List<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    /** A move that fails as the kernel fails renaming onto an immutable file (chattr +i), for the named file only. */
    private static SafeWriter.Steps immutable(Path which) {
        return new SafeWriter.Steps() {
            @Override
            public void move(Path temp, Path target) throws IOException {
                if (target.getFileName().equals(which.getFileName())) {
                    throw new FileSystemException(temp.toString(), target.toString(), "Operation not permitted");
                }
                SafeWriter.Steps.super.move(temp, target);
            }
        };
    }

    @Test
    void aFailedWriteOfTheSecondFileRestoresTheFirstByteForByte() throws Exception {
        Path base = file("values/base.yaml", "global:\n  use_rbac: false   # keep\n");
        Path prod = file("values/prod.yaml", "controller:\n  registration_mode: enabled\n");
        byte[] baseBefore = Files.readAllBytes(base);
        byte[] prodBefore = Files.readAllBytes(prod);
        SourceFile b = read(base);
        SourceFile p = read(prod);
        SafeWriter.RefusedException e = assertThrows(
                SafeWriter.RefusedException.class,
                () -> new SafeWriter(dir, immutable(prod))
                        .writeAll(List.of(
                                change(b, "global:\n  use_rbac: true   # keep\n"),
                                change(p, "controller:\n  registration_mode: admin_only\n"))));
        assertEquals(
                "values/prod.yaml could not be written: Operation not permitted (an immutable or append-only "
                        + "file, see lsattr values/prod.yaml, fails this way); values/base.yaml, already written, was restored "
                        + "byte for byte: no file was changed; run the fix again",
                e.getMessage());
        assertArrayEquals(baseBefore, Files.readAllBytes(base));
        assertArrayEquals(prodBefore, Files.readAllBytes(prod));
        assertEquals(List.of("values/base.yaml", "values/prod.yaml"), files(), "a temporary file was left behind");
    }

    @Test
    void aRealImmutableFileIsRefusedTheSameWay() throws Exception {
        Path base = file("values/base.yaml", "a: 1\n");
        Path prod = file("values/prod.yaml", "b: 1\n");
        Assumptions.assumeTrue(
                run("chattr", "+i", prod.toString()) == 0,
                "chattr +i is not available here (it needs root on ext4, xfs or btrfs); the Steps seam covers this");
        try {
            SourceFile b = read(base);
            SourceFile p = read(prod);
            SafeWriter.RefusedException e = assertThrows(
                    SafeWriter.RefusedException.class,
                    () -> new SafeWriter(dir).writeAll(List.of(change(b, "a: 2\n"), change(p, "b: 2\n"))));
            assertTrue(
                    e.getMessage().startsWith("values/prod.yaml could not be written: Operation not permitted "),
                    e.getMessage());
            assertTrue(
                    e.getMessage()
                            .contains("; values/base.yaml, already written, was restored byte for byte: no file "
                                    + "was changed"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(SafeWriter.TEMP_SUFFIX), e.getMessage());
            assertEquals("a: 1\n", Files.readString(base));
        } finally {
            assertEquals(0, run("chattr", "-i", prod.toString()), "chattr -i failed: the folder cannot be cleaned up");
        }
        assertEquals(List.of("values/base.yaml", "values/prod.yaml"), files());
    }

    private static int run(String... command) throws Exception {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void anEditMadeWhileTheFixWritesIsDetectedRightBeforeTheMoveAndKept() throws Exception {
        Path base = file("values/base.yaml", "a: 1\n");
        Path prod = file("values/prod.yaml", "b: 1\n");
        SourceFile b = read(base);
        SourceFile p = read(prod);
        SafeWriter.Steps someoneSaves = new SafeWriter.Steps() {
            @Override
            public void beforeMove(Path target) throws IOException {
                if (target.getFileName().toString().equals("prod.yaml")) {
                    Files.writeString(target, "b: 1\nc: saved meanwhile\n");
                }
            }
        };
        SafeWriter.RefusedException e = assertThrows(
                SafeWriter.RefusedException.class,
                () -> new SafeWriter(dir, someoneSaves).writeAll(List.of(change(b, "a: 2\n"), change(p, "b: 2\n"))));
        assertEquals(
                "values/prod.yaml changed on disk while the fix was writing and was left as it is now; "
                        + "values/base.yaml, already written, was restored byte for byte: no file was changed; run the fix again",
                e.getMessage());
        assertEquals("b: 1\nc: saved meanwhile\n", Files.readString(prod));
        assertEquals("a: 1\n", Files.readString(base));
        assertEquals(List.of("values/base.yaml", "values/prod.yaml"), files());
    }

    @Test
    void anEditWrittenIntoTheFileBetweenTheLastComparisonAndTheMoveIsPutBack() throws Exception {
        Path prod = file("values/prod.yaml", "b: 1\n");
        SourceFile p = read(prod);
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        SafeWriter.Steps lastInstant = new SafeWriter.Steps() {
            @Override
            public void move(Path temp, Path target) throws IOException {
                if (once.compareAndSet(false, true)) {
                    // An editor appends to the file after the fix compared it and before the rename replaces it.
                    Files.writeString(
                            target, "c: saved in the last instant\n", java.nio.file.StandardOpenOption.APPEND);
                }
                SafeWriter.Steps.super.move(temp, target);
            }
        };
        SafeWriter.RefusedException e = assertThrows(
                SafeWriter.RefusedException.class,
                () -> new SafeWriter(dir, lastInstant).writeAll(List.of(change(p, "b: 2\n"))));
        assertEquals(
                "values/prod.yaml changed on disk while the fix was writing and was left as it is now; nothing was "
                        + "written; run the fix again",
                e.getMessage());
        assertEquals("b: 1\nc: saved in the last instant\n", Files.readString(prod));
        assertEquals(List.of("values/prod.yaml"), files());
    }

    @Test
    void aFileReplacedByALinkWhileTheFixWritesIsNotWrittenThroughTheLink() throws Exception {
        Path prod = file("values/prod.yaml", "b: 1\n");
        Path other = file("values/other.yaml", "b: 1\n");
        SourceFile p = read(prod);
        SafeWriter.Steps replaced = new SafeWriter.Steps() {
            @Override
            public void beforeMove(Path target) throws IOException {
                Files.delete(prod);
                Files.createSymbolicLink(prod, other.getFileName());
            }
        };
        SafeWriter.RefusedException e = assertThrows(
                SafeWriter.RefusedException.class,
                () -> new SafeWriter(dir, replaced).writeAll(List.of(change(p, "b: 2\n"))));
        assertEquals(
                "values/prod.yaml changed on disk while the fix was writing and was left as it is now; nothing was "
                        + "written; run the fix again",
                e.getMessage());
        assertEquals("b: 1\n", Files.readString(other));
        assertTrue(Files.isSymbolicLink(prod));
    }

    @Test
    void theTemporaryFileIsReadableByItsOwnerOnlyUntilItIsCompleteAndSynced() throws Exception {
        Path values = file("values.yaml", "password: s3cret\n");
        Files.setPosixFilePermissions(values, PosixFilePermissions.fromString("rw-rw-r--"));
        List<String> seen = new ArrayList<>();
        SafeWriter.Steps watch = new SafeWriter.Steps() {
            @Override
            public void written(Path temp) throws IOException {
                String name = temp.getFileName().toString();
                assertTrue(
                        SafeWriter.leftoverPattern("values.yaml").matcher(name).matches(), name);
                seen.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)) + " "
                        + Files.readString(temp));
            }

            @Override
            public void beforeMove(Path target) throws IOException {
                try (Stream<Path> list = Files.list(target.getParent())) {
                    Path temp = list.filter(f -> f.toString().endsWith(SafeWriter.TEMP_SUFFIX))
                            .findFirst()
                            .orElseThrow();
                    seen.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
                }
            }
        };
        new SafeWriter(dir, watch).write(read(values), "password: n3w\n");
        assertEquals(List.of("rw------- password: n3w\n", "rw-rw-r--"), seen);
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(values)));
        assertEquals(List.of("values.yaml"), files());
    }

    @Test
    void aReadOnlyFileIsRefusedBeforeAnyWrite() throws Exception {
        Path base = file("values/base.yaml", "a: 1\n");
        Path prod = file("values/prod.yaml", "b: 1\n");
        Files.setPosixFilePermissions(prod, PosixFilePermissions.fromString("r--r--r--"));
        SourceFile b = read(base);
        SourceFile p = read(prod);
        SafeWriter writer = new SafeWriter(dir);
        String expected =
                "values/prod.yaml is read-only (r--r--r--); workflow-guard never writes a read-only file: make "
                        + "it writable (chmod u+w) for the fix, or correct it by hand";
        assertEquals(
                expected,
                assertThrows(SafeWriter.RefusedException.class, () -> writer.target(p))
                        .getMessage());
        assertEquals(
                expected,
                assertThrows(
                                SafeWriter.RefusedException.class,
                                () -> writer.writeAll(List.of(change(b, "a: 2\n"), change(p, "b: 2\n"))))
                        .getMessage());
        assertEquals("a: 1\n", Files.readString(base), "a file was written before the read-only one was refused");
        assertEquals("b: 1\n", Files.readString(prod));
    }

    @Test
    void aFileInAReadOnlyFolderIsRefused() throws Exception {
        Path prod = file("values/prod.yaml", "b: 1\n");
        Files.setPosixFilePermissions(prod.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            SafeWriter.RefusedException e = assertThrows(
                    SafeWriter.RefusedException.class, () -> new SafeWriter(dir).write(read(prod), "b: 2\n"));
            assertEquals(
                    "values/prod.yaml is in a read-only folder (values, r-xr-xr-x); the fix replaces a file through "
                            + "a new file in its folder and never writes into a read-only folder: make it writable (chmod u+w), "
                            + "or correct the file by hand",
                    e.getMessage());
        } finally {
            Files.setPosixFilePermissions(prod.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertEquals("b: 1\n", Files.readString(prod));
    }

    @Test
    void aFileThatChangedSinceItWasReadRefusesTheWholeFix() throws Exception {
        Path base = file("values/base.yaml", "a: 1\n");
        Path prod = file("values/prod.yaml", "b: 1\n");
        SourceFile b = read(base);
        SourceFile p = read(prod);
        Files.writeString(prod, "b: 1\nc: edited meanwhile\n");
        SafeWriter.RefusedException e = assertThrows(
                SafeWriter.RefusedException.class,
                () -> new SafeWriter(dir).writeAll(List.of(change(b, "a: 2\n"), change(p, "b: 2\n"))));
        assertEquals(
                "values/prod.yaml changed on disk since it was read; nothing was written; run the fix again",
                e.getMessage());
        assertEquals("a: 1\n", Files.readString(base));
    }

    @Test
    void leftoversOfAKilledRunAreFoundAndRemovedButNotThoseInUse() throws Exception {
        Path values = file("values/prod.yaml", "a: 1\n");
        Path killed = file("values/.prod.yaml.k1ll3d.workflow-fix.tmp", "password: half-written");
        Path olderRelease = file("values/.prod.yaml8127361.workflow-fix.tmp", "password: half-written");
        Path running = file("values/.prod.yaml.runn1ng.workflow-fix.tmp", "password: being written");
        Path unrelated = file("values/.other.yaml.k1ll3d.workflow-fix.tmp", "x");
        file("values/notes.tmp", "x");
        SafeWriter writer = new SafeWriter(dir);
        try (FileChannel channel = FileChannel.open(running, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            List<Path> found = writer.leftovers(List.of(read(values)));
            assertEquals(List.of(killed.toRealPath(), olderRelease.toRealPath()), found);
            assertEquals(
                    List.of("values/.prod.yaml.k1ll3d.workflow-fix.tmp", "values/.prod.yaml8127361.workflow-fix.tmp"),
                    found.stream().map(writer::display).toList());
            for (Path leftover : found) {
                assertTrue(writer.removeLeftover(leftover));
            }
            assertFalse(writer.removeLeftover(running), "a temporary file a running fix holds was removed");
        }
        assertFalse(Files.exists(killed));
        assertFalse(Files.exists(olderRelease));
        assertTrue(Files.exists(running));
        assertTrue(Files.exists(unrelated), "a file next to another values file is not this one's leftover");
    }

    @Test
    void aVeryLongNameStillGetsARecognisableTemporaryFile() throws Exception {
        Path values = file("v".repeat(240) + ".yaml", "a: 1\n");
        new SafeWriter(dir).write(read(values), "a: 2\n");
        assertEquals("a: 2\n", Files.readString(values));
        String temp = SafeWriter.tempName(values);
        assertTrue(temp.length() < 255, temp);
        assertTrue(
                SafeWriter.leftoverPattern(values.getFileName().toString())
                        .matcher(temp)
                        .matches(),
                temp);
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
        SafeWriter.RefusedException e =
                assertThrows(SafeWriter.RefusedException.class, () -> new SafeWriter(dir).write(original, "a: 2\n"));
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
        SafeWriter.RefusedException e = assertThrows(
                SafeWriter.RefusedException.class, () -> new SafeWriter(project).write(original, "a: 2\n"));
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
        SafeWriter.RefusedException e = assertThrows(
                SafeWriter.RefusedException.class, () -> new SafeWriter(project).write(read(outside), "a: 2\n"));
        assertTrue(e.getMessage().contains("outside the project base directory"), e.getMessage());
    }
}
