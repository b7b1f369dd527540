package dev.workflowguard.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.yaml.SourceReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fix killed with `kill -9` in the middle of a write (another JVM, stopped right before its move):
 * the values file is untouched, the temporary file it leaves is not taken for a leftover while that
 * fix is alive (it holds a lock), and the next run finds and removes it once it is dead.
 */
class KilledWriteTest {

    @TempDir
    Path dir;

    /** The fix that gets killed: writes the temporary file, says so, and waits before its move. */
    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        Path file = base.resolve("values.yaml");
        SafeWriter.Steps stopBeforeTheMove = new SafeWriter.Steps() {
            @Override
            public void beforeMove(Path target) throws IOException {
                System.out.println("written");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        new SafeWriter(base, stopBeforeTheMove)
                .write(SourceReader.decode(file, "values.yaml", Files.readAllBytes(file)), "password: n3w\n");
    }

    @Test
    void theNextRunRemovesWhatAKilledRunLeftButNotWhatARunningOneHolds() throws Exception {
        Path values = dir.resolve("values.yaml");
        Files.writeString(values, "password: s3cret\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process fix = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledWriteTest.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(fix.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("written", out.readLine(), "the fix to kill did not get to its move");
            SafeWriter next = new SafeWriter(dir);
            assertEquals(
                    List.of(),
                    next.leftovers(List.of(SourceReader.decode(values, "values.yaml", Files.readAllBytes(values)))),
                    "the temporary file of a running fix was taken for a leftover");
            assertEquals(1, temporaryFiles().size());
            fix.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
            assertTrue(fix.waitFor(60, TimeUnit.SECONDS));
            assertEquals("password: s3cret\n", Files.readString(values));
            List<Path> leftovers =
                    next.leftovers(List.of(SourceReader.decode(values, "values.yaml", Files.readAllBytes(values))));
            assertEquals(temporaryFiles(), leftovers);
            assertEquals(
                    "password: n3w\n", Files.readString(leftovers.get(0)), "the leftover holds what was being written");
            assertTrue(next.removeLeftover(leftovers.get(0)));
            assertEquals(List.of(), temporaryFiles());
            assertFalse(Files.exists(leftovers.get(0)));
        } finally {
            fix.destroyForcibly();
        }
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> list = Files.list(dir.toRealPath())) {
            return list.filter(p -> p.getFileName().toString().endsWith(SafeWriter.TEMP_SUFFIX))
                    .sorted()
                    .toList();
        }
    }
}
