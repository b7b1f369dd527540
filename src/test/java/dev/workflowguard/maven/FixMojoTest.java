package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.Checker;
import dev.workflowguard.rules.FixOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fix goal as Maven runs it: writes, dry run, options, idempotency, remaining findings. */
@MojoTest
@Basedir("/mojo/fix-project")
class FixMojoTest {

    private static final Path SOURCE = Path.of("src", "test", "resources", "mojo", "fix-project");
    private final CapturingLog log = new CapturingLog();

    private static Path basedir() {
        return Path.of("target", "test-classes", "mojo", "fix-project").toAbsolutePath();
    }

    @BeforeEach
    void restoreTheProject() throws Exception {
        for (String file : new String[] {"values/base.yaml", "values/prod.yaml"}) {
            Files.copy(SOURCE.resolve(file), basedir().resolve(file), StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(basedir().resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.deleteIfExists(basedir().resolve("target/workflow/fix.patch"));
        Files.deleteIfExists(basedir().resolve(LEFTOVER));
    }

    private static final String LEFTOVER = "values/.prod.yaml.k1ll3d.workflow-fix.tmp";

    private static String prod() throws Exception {
        return Files.readString(basedir().resolve("values/prod.yaml"));
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    void writesTheCorrectionsAndListsWhatRemains(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertEquals("""
                # production overlay
                controller:
                  registration_mode: admin_only   # TODO close before launch
                monitor:
                  grafana:
                    allow_sign_up: "false"
                router:
                  deployment_annotations:
                    router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"
                    router.deis.io/nginx.ssl.enforce: "true"
                """, prod());
        assertTrue(
                log.at("INFO")
                        .contains(
                                "values/prod.yaml: controller.registration_mode set to admin_only [open-registration]"),
                log.all());
        assertTrue(log.at("INFO").contains("values/base.yaml: global.use_rbac set to true [rbac-disabled]"), log.all());
        assertTrue(log.at("INFO").contains("workflow-guard fix: changed 2 files (5 values)."), log.all());
        assertTrue(
                log.at("INFO").stream().anyMatch(l -> l.startsWith("workflow-guard: 5 findings remain; each needs")),
                log.all());
        assertTrue(log.at("ERROR").stream().anyMatch(l -> l.endsWith("[minio-storage]")), log.all());
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    @MojoParameter(name = "dryRun", value = "true")
    void aDryRunWritesOnlyThePatch(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        String before = prod();
        mojo.execute();
        assertEquals(before, prod());
        String patch = Files.readString(basedir().resolve("target/workflow/fix.patch"));
        assertTrue(patch.contains("+++ b/") && patch.contains("values/prod.yaml"), patch);
        assertTrue(
                patch.contains("-  registration_mode: enabled   # TODO close before launch\n"
                        + "+  registration_mode: admin_only   # TODO close before launch\n"),
                patch);
        assertTrue(
                log.at("INFO").stream()
                        .anyMatch(l -> l.startsWith("workflow-guard fix (dry run): would change 2 files")),
                log.all());
        assertTrue(log.at("INFO").stream().anyMatch(l -> l.startsWith("+  registration_mode: admin_only")), log.all());
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    @MojoParameter(name = "storage", value = "gcs")
    @MojoParameter(name = "registrationMode", value = "disabled")
    void optionsChooseWhatIsWritten(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertTrue(prod().contains("  registration_mode: disabled   # TODO close before launch\n"), prod());
        assertTrue(Files.readString(basedir().resolve("values/base.yaml")).contains("\n  storage: gcs\n"));
        // The backend's keys are now the next thing to fill in by hand.
        assertTrue(
                log.at("ERROR").stream()
                        .anyMatch(l -> l.contains("gcs.key_json") && l.endsWith("[storage-placeholder]")),
                log.all());
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    @MojoParameter(name = "storage", value = "dropbox")
    void anUnknownBackendIsAConfigurationError(FixMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(
                e.getMessage().contains("'dropbox' is not an object storage backend; use one of s3, gcs, azure, swift"),
                e.getMessage());
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    @MojoParameter(name = "fixSkip", value = "true")
    void skipWritesNothing(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        String before = prod();
        mojo.execute();
        assertEquals(before, prod());
        assertEquals("workflow-guard: fix skipped", log.at("INFO").get(0));
        assertFalse(Files.exists(basedir().resolve("target/workflow/fix.patch")));
    }

    private static final String WHITELIST_BACK =
            "values/deleting.yaml:3:27 sets router.deployment_annotations to null: "
                    + "that deletes what earlier values files and the chart set under it. Writing router.deployment_annotations."
                    + "\"router.deis.io/nginx.ssl.%s\" there would make router.deployment_annotations a mapping again and bring "
                    + "back router.deployment_annotations.\"router.deis.io/nginx.defaultWhitelist\" (values/annotated.yaml:4:44). "
                    + "Decide by hand which keys router.deployment_annotations should hold";

    private static List<String> refusals(CapturingLog log) {
        return log.at("WARNING").stream()
                .filter(l -> l.contains(": not fixed ["))
                .toList();
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    void withOnlySetValuesEveryCorrectionIsRefusedSayingThereIsNoValuesFile(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.valuesFiles = List.of();
        mojo.setValues = List.of("controller.registration_mode=enabled");
        mojo.execute();
        List<String> refusals = refusals(log);
        assertTrue(
                refusals.contains("--set:1:30: not fixed [open-registration]: the value comes from --set "
                        + "(workflow.set); change it there"),
                log.all());
        assertTrue(
                refusals.stream()
                        .anyMatch(l -> l.endsWith(": not fixed [grafana-signup]: no values file is "
                                + "configured to write it to (valuesFiles / workflow.values)")),
                log.all());
        assertTrue(
                log.at("INFO").stream()
                        .anyMatch(l ->
                                l.startsWith("workflow-guard fix: nothing was written: the " + "corrections for ")),
                log.all());
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    @MojoParameter(name = "valuesFiles", value = "values/annotated.yaml,values/deleting.yaml")
    @MojoParameter(name = "disabledRules", value = "rbac-disabled,grafana-signup")
    void whenEveryCorrectionIsRefusedItSaysWhyInsteadOfNothingToFix(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        byte[] before = Files.readAllBytes(basedir().resolve("values/deleting.yaml"));
        mojo.execute();
        assertEquals(
                List.of(
                        "values/deleting.yaml:3:27: not fixed [tls-legacy-protocols]: "
                                + WHITELIST_BACK.formatted("protocols"),
                        "values/deleting.yaml:3:27: not fixed [tls-not-enforced]: "
                                + WHITELIST_BACK.formatted("enforce")),
                refusals(log));
        assertTrue(
                log.at("INFO")
                        .contains("workflow-guard fix: nothing was written: the corrections for 2 findings "
                                + "were refused, for the reasons given above."),
                log.all());
        assertFalse(log.all().contains("nothing to fix"), log.all());
        assertFalse(log.all().contains("still reported after the fix"), log.all());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(basedir().resolve("values/deleting.yaml"))));
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    @MojoParameter(name = "valuesFiles", value = "values/annotated.yaml,values/deleting.yaml")
    @MojoParameter(name = "disabledRules", value = "rbac-disabled,grafana-signup")
    @MojoParameter(name = "dryRun", value = "true")
    void theDryRunRefusesWhatTheRealRunRefuses(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertEquals(
                List.of(
                        "values/deleting.yaml:3:27: not fixed [tls-legacy-protocols]: "
                                + WHITELIST_BACK.formatted("protocols"),
                        "values/deleting.yaml:3:27: not fixed [tls-not-enforced]: "
                                + WHITELIST_BACK.formatted("enforce")),
                refusals(log));
        assertTrue(
                log.at("INFO")
                        .contains("workflow-guard fix (dry run): nothing would be written: the corrections for 2 "
                                + "findings would be refused, for the reasons given above; nothing was written. Patch: "
                                + "target/workflow/fix.patch (empty)."),
                log.all());
        assertEquals("", Files.readString(basedir().resolve("target/workflow/fix.patch")));
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    void aReadOnlyValuesFileIsLeftAloneAndTheOthersAreCorrected(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        Path prod = basedir().resolve("values/prod.yaml");
        String before = prod();
        Files.setPosixFilePermissions(prod, PosixFilePermissions.fromString("r--r--r--"));
        mojo.execute();
        assertEquals(before, prod());
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(prod)));
        assertTrue(Files.readString(basedir().resolve("values/base.yaml")).contains("  use_rbac: true\n"));
        assertTrue(
                refusals(log)
                        .contains("values/prod.yaml:3:22: not fixed [open-registration]: values/prod.yaml is "
                                + "read-only (r--r--r--); workflow-guard never writes a read-only file: make it writable (chmod u+w) for "
                                + "the fix, or correct it by hand"),
                log.all());
        assertTrue(
                log.at("INFO").stream()
                        .anyMatch(l -> l.startsWith("workflow-guard fix: changed 1 file (")
                                && l.endsWith(
                                        "; the corrections for 4 findings were refused, for the reasons given above.")),
                log.all());
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    void aTemporaryFileAKilledRunLeftIsRemovedAndReported(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        Files.writeString(basedir().resolve(LEFTOVER), "password: half-written\n");
        mojo.execute();
        assertFalse(Files.exists(basedir().resolve(LEFTOVER)));
        assertEquals(
                "workflow-guard fix: removed " + LEFTOVER + ", a temporary file an interrupted fix left behind (it "
                        + "may hold values and credentials)",
                log.at("WARNING").get(0));
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    @MojoParameter(name = "dryRun", value = "true")
    void aDryRunReportsTheLeftoverButKeepsIt(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        Files.writeString(basedir().resolve(LEFTOVER), "password: half-written\n");
        mojo.execute();
        assertTrue(Files.exists(basedir().resolve(LEFTOVER)));
        assertEquals(
                "workflow-guard fix (dry run): " + LEFTOVER + " is a temporary file an interrupted fix left behind "
                        + "(it may hold values and credentials); a real run removes it",
                log.at("WARNING").get(0));
    }

    /**
     * What a check with workflow.fix.manifests of the files as they are now would correct in the committed
     * manifests: what the fix counted by checking a third time before it took the count from its own checks.
     */
    private static long fixableInManifests() throws Exception {
        return new Checker()
                        .check(CheckRequest.builder(basedir())
                                .workflowVersion("2.19.0")
                                .values("values/base.yaml", "values/prod.yaml")
                                .manifests("rendered")
                                .fixOptions(new FixOptions("admin_only", null, null, true))
                                .build())
                        .findings()
                        .stream()
                        .filter(f -> !f.manifestFixes().isEmpty())
                        .count();
    }

    private static String manifestHint(long findings) {
        return "workflow-guard fix: " + findings + (findings == 1 ? " finding" : " findings")
                + " can also be corrected in the committed manifests with -Dworkflow.fix.manifests=true";
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    void withCommittedManifestsItSaysHowManyRemainingFindingsTheirEditsWouldCorrect(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.manifests = List.of("rendered");
        mojo.execute();
        long expected = fixableInManifests(); // the values files are corrected now
        assertTrue(expected > 0, "the stock render has findings an edit of it corrects");
        assertTrue(log.at("INFO").contains(manifestHint(expected)), log.all());
        assertEquals(
                1,
                log.at("INFO").stream()
                        .filter(l -> l.contains("can also be corrected"))
                        .count(),
                log.all());
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    @MojoParameter(name = "dryRun", value = "true")
    void aDryRunCountsWhatTheManifestsEditsWouldCorrectInTheFilesAsTheyAre(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.manifests = List.of("rendered");
        mojo.execute();
        long expected = fixableInManifests(); // nothing was written
        assertTrue(expected > 0, "the stock render has findings an edit of it corrects");
        assertTrue(log.at("INFO").contains(manifestHint(expected)), log.all());
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    @MojoParameter(name = "dryRun", value = "true")
    @MojoParameter(name = "fixManifests", value = "true")
    void whoAskedForTheManifestsEditsGetsThemAndNoHint(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.manifests = List.of("rendered");
        mojo.execute();
        assertFalse(log.all().contains("can also be corrected"), log.all());
        String patch = Files.readString(basedir().resolve("target/workflow/fix.patch"));
        assertTrue(patch.contains("rendered/workflow.yaml"), patch);
    }

    @Test
    @InjectMojo(goal = "fix", pom = "pom.xml")
    void withoutManifestsThereIsNoHint(FixMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertFalse(log.all().contains("can also be corrected"), log.all());
    }
}
