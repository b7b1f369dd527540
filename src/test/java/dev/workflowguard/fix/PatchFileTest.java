package dev.workflowguard.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry-run patch names the files a real run writes, so `git apply` takes it from the repository root. */
class PatchFileTest {

    @TempDir
    Path dir;

    private static String git(Path in, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("git", "-c", "core.autocrlf=false", "-c", "user.name=t", "-c", "user.email=t@example.org"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(in.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            Assumptions.abort("git is not installed, so `git apply` cannot be tried: " + e.getMessage());
            throw e;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "git " + args[0] + " did not finish");
        assertEquals(0, process.exitValue(), () -> "git " + String.join(" ", args) + " failed: " + out);
        return out;
    }

    @Test
    void aValuesFileReachedThroughALinkIsPatchedAtItsTarget() throws Exception {
        // infra/ is the git repository; the Maven project is infra/cluster, whose values/prod.yaml links to a shared
        // file.
        Path repo = Files.createDirectories(dir.resolve("infra"));
        TestRepo project = new TestRepo(repo.resolve("cluster"))
                .file("shared/prod.yaml", "controller:\n  registration_mode: enabled   # shared by two clusters\n");
        Files.createDirectories(project.dir().resolve("values"));
        Files.createSymbolicLink(project.dir().resolve("values/prod.yaml"), Path.of("../shared/prod.yaml"));
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "infra");
        CheckRequest request = CheckRequest.builder(project.dir())
                .values("values/prod.yaml")
                .workflowVersion("2.19.0")
                .disabledRules(List.of("rbac-disabled", "grafana-signup", "tls-not-enforced", "tls-legacy-protocols"))
                .build();
        FixPlan plan = new Fixer().plan(request, null);
        String patch = PatchFile.text(project.dir(), plan);
        assertEquals("""
                diff --git a/cluster/shared/prod.yaml b/cluster/shared/prod.yaml
                --- a/cluster/shared/prod.yaml
                +++ b/cluster/shared/prod.yaml
                @@ -1,2 +1,2 @@
                 controller:
                -  registration_mode: enabled   # shared by two clusters
                +  registration_mode: admin_only   # shared by two clusters
                """, patch);
        Path file = Files.writeString(dir.resolve("fix.patch"), patch);
        git(repo, "apply", "--check", file.toString());

        // What git apply makes of it is what the real fix writes.
        git(repo, "apply", file.toString());
        String patched = Files.readString(project.dir().resolve("shared/prod.yaml"));
        git(repo, "checkout", "-q", "--", ".");
        new SafeWriter(project.dir()).writeAll(plan.changes());
        assertEquals(patched, Files.readString(project.dir().resolve("shared/prod.yaml")));
        assertTrue(Files.isSymbolicLink(project.dir().resolve("values/prod.yaml")), "the link was replaced by a file");
        assertEquals("", git(repo, "status", "--porcelain", "--", "cluster/values"));
    }

    @Test
    void aProjectReachedThroughALinkedFolderIsPatchedFromTheRealRepository() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("infra"));
        new TestRepo(repo).file("values/prod.yaml", "controller:\n  registration_mode: enabled\n");
        git(repo, "init", "-q");
        Path linked = Files.createSymbolicLink(dir.resolve("work"), repo);
        CheckRequest request = CheckRequest.builder(linked)
                .values("values/prod.yaml")
                .workflowVersion("2.19.0")
                .disabledRules(List.of("rbac-disabled", "grafana-signup", "tls-not-enforced", "tls-legacy-protocols"))
                .build();
        String patch = PatchFile.text(linked, new Fixer().plan(request, null));
        assertTrue(patch.startsWith("diff --git a/values/prod.yaml b/values/prod.yaml\n"), patch);
        git(
                repo,
                "apply",
                "--check",
                Files.writeString(dir.resolve("fix.patch"), patch).toString());
    }
}
