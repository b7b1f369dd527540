package dev.workflowguard.fix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The patch format: exact hunks, and `git apply` turns the old text into the new one byte for byte. */
class UnifiedDiffTest {

    @TempDir
    Path dir;

    @Test
    void aOneLineChangeWithContext() {
        String before = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\n";
        String after = "a: 1\nb: 2\nc: 3\nd: 40\ne: 5\nf: 6\ng: 7\n";
        assertEquals("""
                diff --git a/v.yaml b/v.yaml
                --- a/v.yaml
                +++ b/v.yaml
                @@ -1,7 +1,7 @@
                 a: 1
                 b: 2
                 c: 3
                -d: 4
                +d: 40
                 e: 5
                 f: 6
                 g: 7
                """, UnifiedDiff.of("v.yaml", before, after));
    }

    @Test
    void noChangeIsNoDiff() {
        assertEquals("", UnifiedDiff.of("v.yaml", "a: 1\n", "a: 1\n"));
    }

    @Test
    void aMissingFinalNewlineIsMarked() {
        String diff = UnifiedDiff.of("v.yaml", "a: 1", "a: 2");
        assertTrue(diff.contains("-a: 1\n\\ No newline at end of file\n+a: 2\n\\ No newline at end of file\n"), diff);
    }

    @Test
    void distantChangesGetSeparateHunks() {
        StringBuilder before = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            before.append("k").append(i).append(": v\n");
        }
        String after = before.toString().replace("k2: v", "k2: w").replace("k35: v", "k35: w");
        String diff = UnifiedDiff.of("v.yaml", before.toString(), after);
        assertEquals(2, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
        assertTrue(diff.contains("@@ -1,6 +1,6 @@"), diff);
        assertTrue(diff.contains("@@ -33,7 +33,7 @@"), diff);
    }

    @Test
    void gitApplyReproducesTheNewTextExactly() throws Exception {
        Random random = new Random(5);
        String[] samples = {
            "# c\r\nglobal:\r\n  storage: minio\r\n", "\uFEFFa: 1\nb: 2", "", "x: 1\n",
        };
        for (int round = 0; round < 12; round++) {
            String before = samples[round % samples.length] + "tail_" + round + ": " + random.nextInt() + "\n";
            String after = before.replace("minio", "s3").replace("b: 2", "b: 3\nc: 4") + "new_" + round + ": x\n";
            Path repo = Files.createDirectories(dir.resolve("r" + round));
            Files.write(repo.resolve("v.yaml"), before.getBytes(StandardCharsets.UTF_8));
            Files.writeString(repo.resolve("p.patch"), UnifiedDiff.of("v.yaml", before, after), StandardCharsets.UTF_8);
            Process git = new ProcessBuilder("git", "apply", "--whitespace=nowarn", "p.patch")
                    .directory(repo.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, git.waitFor(), output);
            assertArrayEquals(after.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(repo.resolve("v.yaml")));
        }
    }
}
