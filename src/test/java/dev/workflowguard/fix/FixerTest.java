package dev.workflowguard.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.InputException;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning and writing corrections: right file, only the intended lines, idempotent, check and fix agree. */
class FixerTest {

    @TempDir
    Path dir;

    private CheckRequest request(TestRepo repo, Consumer<CheckRequest.Builder> configure) {
        CheckRequest.Builder builder = CheckRequest.builder(repo.dir());
        configure.accept(builder);
        return builder.build();
    }

    /** Plans, writes every change, and returns the check after writing. */
    private CheckResult fixAndRecheck(CheckRequest request, String target) throws Exception {
        Fixer fixer = new Fixer();
        FixPlan plan = fixer.plan(request, target);
        new SafeWriter(request.baseDirectory()).writeAll(plan.changes());
        return fixer.recheck(request, new FixPlan(plan.before(), List.of(), List.of()));
    }

    @Test
    void afterFixingOnlyFindingsThatNeedAPersonRemain() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .resource("fixtures/stock-values-2.19.yaml", "values/base.yaml")
                .file("values/prod.yaml", "# production\nglobal:\n  storage: s3\n");
        CheckRequest request = request(
                repo,
                b -> b.workflowVersion("2.19.0")
                        .values("values/base.yaml", "values/prod.yaml")
                        .fixOptions(new FixOptions("admin_only", "s3", "10.0.0.0/8", false)));
        CheckResult before = new dev.workflowguard.check.Checker().check(request);
        assertTrue(before.findings().stream().filter(Finding::fixable).count() >= 5, Findings.describe(before));
        CheckResult after = fixAndRecheck(request, null);
        assertTrue(after.findings().stream().noneMatch(Finding::fixable), Findings.describe(after));
        assertEquals(
                Set.of("storage-placeholder", "grafana-default-admin", "single-router", "tls-missing"),
                Set.copyOf(Findings.rules(after)),
                Findings.describe(after));
    }

    @Test
    void editsGoToTheFileThatSetTheValueOrToTheFixTarget() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", "controller:\n  registration_mode: enabled  # stock\nglobal:\n  use_rbac: false\n")
                .file("prod.yaml", "controller:\n  registration_mode: enabled  # overlay\n");
        CheckRequest request = request(
                repo,
                b -> b.workflowVersion("2.19.0")
                        .values("base.yaml", "prod.yaml")
                        .disabledRules(List.of("no-ip-whitelist")));
        fixAndRecheck(request, null);
        // Set in both: the overlay (last setter) is corrected; set only in the base: the base.
        assertEquals(
                "controller:\n  registration_mode: admin_only  # overlay\nmonitor:\n  grafana:\n"
                        + "    allow_sign_up: \"false\"\nrouter:\n  deployment_annotations:\n"
                        + "    router.deis.io/nginx.ssl.protocols: \"TLSv1.2 TLSv1.3\"\n"
                        + "    router.deis.io/nginx.ssl.enforce: \"true\"\n",
                repo.read("prod.yaml"));
        assertEquals(
                "controller:\n  registration_mode: enabled  # stock\nglobal:\n  use_rbac: true\n",
                repo.read("base.yaml"));
    }

    @Test
    void aRefusalNamesTheLineOfTheFileAsItIsNotAsAnEarlierEditOfItLeftIt() throws Exception {
        // The TLS annotation is added above the controller (one line more) before the controller's edit is refused.
        TestRepo repo = new TestRepo(dir)
                .file(
                        "prod.yaml",
                        "router:\n  deployment_annotations:\n"
                                + "    router.deis.io/nginx.ssl.protocols: \"TLSv1.2 TLSv1.3\"\ncontroller:\n"
                                + "  registration_mode: !custom enabled\n");
        CheckRequest request = request(repo, b -> b.workflowVersion("2.19.0").values("prod.yaml"));
        FixPlan plan = new Fixer().plan(request, null);
        assertTrue(plan.changes().get(0).newText().contains("nginx.ssl.enforce: \"true\""), plan.toString());
        FixPlan.Refused refused = plan.refused().stream()
                .filter(r -> r.finding().rule().equals("open-registration"))
                .findFirst()
                .orElseThrow();
        assertTrue(refused.reason().contains("(line 5)"), refused.reason());
    }

    @Test
    void theFixTargetReceivesKeysSetNowhere() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", "global:\n  use_rbac: true\n")
                .file("prod.yaml", "controller:\n  registration_mode: admin_only\n");
        CheckRequest request = request(
                repo,
                b -> b.workflowVersion("2.19.0")
                        .values("base.yaml", "prod.yaml")
                        .disabledRules(List.of("no-ip-whitelist", "tls-legacy-protocols", "tls-not-enforced")));
        fixAndRecheck(request, "base.yaml");
        assertEquals(
                "global:\n  use_rbac: true\nmonitor:\n  grafana:\n    allow_sign_up: \"false\"\n",
                repo.read("base.yaml"));
        assertEquals("controller:\n  registration_mode: admin_only\n", repo.read("prod.yaml"));
    }

    @Test
    void aFixTargetThatIsNotAValuesFileIsAConfigurationError() {
        TestRepo repo = new TestRepo(dir).file("base.yaml", "a: 1\n");
        InputException e = assertThrows(
                InputException.class, () -> new Fixer().plan(request(repo, b -> b.values("base.yaml")), "other.yaml"));
        assertTrue(
                e.getMessage().contains("other.yaml is not one of the configured values files (base.yaml)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("workflow.fix.target"), e.getMessage());
    }

    @Test
    void aSecondRunHasNothingToDo() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/stock-values-2.11.yaml", "values.yaml");
        CheckRequest request = request(repo, b -> b.workflowVersion("2.11.0").values("values.yaml"));
        fixAndRecheck(request, null);
        String once = repo.read("values.yaml");
        FixPlan second = new Fixer().plan(request, null);
        assertTrue(second.isEmpty(), () -> second.changes().toString());
        assertEquals(once, repo.read("values.yaml"));
    }

    @Test
    void theDryRunRecheckSeesWhatARealRunWouldLeave() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/stock-values-2.11.yaml", "values.yaml");
        CheckRequest request = request(repo, b -> b.workflowVersion("2.11.0").values("values.yaml"));
        Fixer fixer = new Fixer();
        FixPlan plan = fixer.plan(request, null);
        String before = repo.read("values.yaml");
        CheckResult dry = fixer.recheck(request, plan);
        assertEquals(before, repo.read("values.yaml"), "a plan writes nothing");
        CheckResult real = fixAndRecheck(request, null);
        assertEquals(Findings.describe(real), Findings.describe(dry));
    }

    @Test
    void onlyTheCorrectedLinesChange() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/stock-values-2.11.yaml", "values.yaml");
        String before = repo.read("values.yaml");
        CheckRequest request = request(repo, b -> b.workflowVersion("2.11.0").values("values.yaml"));
        FixPlan plan = new Fixer().plan(request, null);
        String patch =
                UnifiedDiff.of("values.yaml", before, plan.changes().get(0).newText());
        List<String> removed = patch.lines()
                .filter(l -> l.startsWith("-") && !l.startsWith("---"))
                .toList();
        // The chart of Workflow 2.11.0 has no global.use_rbac (the release table: it appears in 2.15.0), so the
        // fixture's use_rbac: false has no effect there and the fix leaves it alone.
        assertEquals(List.of("-  registration_mode: \"enabled\""), removed, patch);
        assertTrue(
                patch.lines()
                        .filter(l -> l.startsWith("+") && !l.startsWith("+++"))
                        .allMatch(l -> l.contains("registration_mode: \"admin_only\"")
                                || l.contains("router.deis.io/nginx.ssl.")),
                patch);
    }

    @Test
    void committedManifestsAreFixedInPlaceOnlyWhenAsked() throws Exception {
        TestRepo repo = new TestRepo(dir).resource("fixtures/rendered-stock-2.19.yaml", "rendered/workflow.yaml");
        String before = repo.read("rendered/workflow.yaml");
        CheckRequest without = request(repo, b -> b.manifests("rendered"));
        assertTrue(new Fixer().plan(without, null).isEmpty());
        CheckRequest with =
                request(repo, b -> b.manifests("rendered").fixOptions(new FixOptions(null, null, null, true)));
        CheckResult after = fixAndRecheck(with, null);
        Findings.none(after, "single-router");
        Findings.none(after, "grafana-signup");
        Findings.none(after, "tls-not-enforced");
        String patch = UnifiedDiff.of("w.yaml", before, repo.read("rendered/workflow.yaml"));
        assertEquals(
                List.of("-  replicas: 1", "-              value: \"true\""),
                patch.lines()
                        .filter(l -> l.startsWith("-") && !l.startsWith("---"))
                        .toList(),
                patch);
        assertTrue(repo.read("rendered/workflow.yaml").contains("    router.deis.io/nginx.ssl.enforce: \"true\"\n"));
        assertTrue(
                Files.readString(repo.dir().resolve("rendered/workflow.yaml")).contains("  replicas: 2\n"));
    }

    private static final List<String> ONLY_REGISTRATION_AND_RBAC =
            List.of("grafana-signup", "tls-not-enforced", "tls-legacy-protocols", "no-ip-whitelist");

    @Test
    void aReadOnlyFileIsRefusedWhenPlannedAndTheOtherFilesAreStillCorrected() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("base.yaml", "global:\n  use_rbac: false\n")
                .file("prod.yaml", "controller:\n  registration_mode: enabled\n");
        Files.setPosixFilePermissions(dir.resolve("prod.yaml"), PosixFilePermissions.fromString("r--r--r--"));
        CheckRequest request = request(
                repo,
                b -> b.workflowVersion("2.19.0")
                        .values("base.yaml", "prod.yaml")
                        .disabledRules(ONLY_REGISTRATION_AND_RBAC));
        FixPlan plan = new Fixer().plan(request, null);
        assertEquals(
                List.of("base.yaml"),
                plan.changes().stream().map(c -> c.file().displayName()).toList());
        assertEquals(
                List.of("open-registration: prod.yaml is read-only (r--r--r--); workflow-guard never writes a "
                        + "read-only file: make it writable (chmod u+w) for the fix, or correct it by hand"),
                plan.refused().stream()
                        .map(r -> r.finding().rule() + ": " + r.reason())
                        .toList());
        assertEquals(
                List.of("rbac-disabled"),
                plan.checkResult().findings().stream()
                        .filter(Finding::fixable)
                        .map(Finding::rule)
                        .toList());
        new SafeWriter(dir).writeAll(plan.changes());
        assertEquals("global:\n  use_rbac: true\n", repo.read("base.yaml"));
        assertEquals("controller:\n  registration_mode: enabled\n", repo.read("prod.yaml"));
    }

    @Test
    void aFileOutsideTheProjectIsRefusedWhenPlanned() throws Exception {
        // A module's ../common.yaml: read by the check, never written by the fix.
        TestRepo repo = new TestRepo(dir)
                .file("common.yaml", "controller:\n  registration_mode: enabled\n")
                .file("module/prod.yaml", "global:\n  use_rbac: false\n");
        CheckRequest request = CheckRequest.builder(dir.resolve("module"))
                .workflowVersion("2.19.0")
                .values("../common.yaml", "prod.yaml")
                .disabledRules(ONLY_REGISTRATION_AND_RBAC)
                .build();
        FixPlan plan = new Fixer().plan(request, null);
        assertEquals(
                List.of("prod.yaml"),
                plan.changes().stream().map(c -> c.file().displayName()).toList());
        String common = plan.before().valuesFiles().get(0).displayName(); // a file outside is shown by its full path
        assertEquals(dir.resolve("common.yaml").toString(), common);
        assertEquals(
                List.of("open-registration: " + common + " lies outside the project base directory; it is never "
                        + "written"),
                plan.refused().stream()
                        .map(r -> r.finding().rule() + ": " + r.reason())
                        .toList());
        assertEquals("controller:\n  registration_mode: enabled\n", repo.read("common.yaml"));
    }

    @Test
    void aFileHelmReadsTwiceIsNotEdited() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values/base.yaml", "controller:\n  registration_mode: enabled\n");
        Files.createSymbolicLink(dir.resolve("values/prod.yaml"), Path.of("base.yaml"));
        CheckRequest request = request(
                repo,
                b -> b.workflowVersion("2.19.0")
                        .values("values/base.yaml", "values/prod.yaml")
                        .disabledRules(ONLY_REGISTRATION_AND_RBAC));
        FixPlan plan = new Fixer().plan(request, null);
        assertTrue(plan.isEmpty(), () -> plan.changes().toString());
        assertEquals(
                List.of("values/prod.yaml is the same file as values/base.yaml (a link leads from one to the "
                        + "other); an edit of one would change both, so the fix leaves it alone: correct it by hand"),
                plan.refused().stream().map(FixPlan.Refused::reason).distinct().toList());
    }

    @Test
    void theTargetOfEachChangeIsTheRealFileItWrites() throws Exception {
        TestRepo repo = new TestRepo(dir).file("shared/prod.yaml", "controller:\n  registration_mode: enabled\n");
        Files.createDirectories(dir.resolve("values"));
        Files.createSymbolicLink(dir.resolve("values/prod.yaml"), Path.of("../shared/prod.yaml"));
        FixPlan plan = new Fixer()
                .plan(
                        request(
                                repo,
                                b -> b.workflowVersion("2.19.0")
                                        .values("values/prod.yaml")
                                        .disabledRules(ONLY_REGISTRATION_AND_RBAC)),
                        null);
        assertEquals(
                List.of(dir.resolve("shared/prod.yaml").toRealPath()),
                plan.changes().stream().map(FixPlan.FileChange::target).toList());
    }
}
