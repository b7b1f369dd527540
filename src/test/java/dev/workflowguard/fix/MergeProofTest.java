package dev.workflowguard.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.edit.Edit;
import dev.workflowguard.edit.YamlEditor;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fix changes Helm's effective values (every values file merged, nulls deleting, over the chart
 * defaults) in the keys it reports and nowhere else; what it cannot correct that way is left for a
 * person with a sentence that says why.
 */
class MergeProofTest {

    @TempDir
    Path dir;

    private static final String ENFORCE = "router.deployment_annotations.\"router.deis.io/nginx.ssl.enforce\"";
    private static final String PROTOCOLS = "router.deployment_annotations.\"router.deis.io/nginx.ssl.protocols\"";
    private static final String WHITELIST = "router.deployment_annotations.\"router.deis.io/nginx.defaultWhitelist\"";

    /** Rules whose fixes go elsewhere (use_rbac, allow_sign_up): off, so that each test is about its keys. */
    private static final Consumer<CheckRequest.Builder> NOT_ABOUT_THESE =
            b -> b.disabledRules(List.of("rbac-disabled", "grafana-signup"));

    private CheckRequest request(String base, String prod, Consumer<CheckRequest.Builder> more) {
        new TestRepo(dir).file("base.yaml", base).file("prod.yaml", prod);
        CheckRequest.Builder builder = CheckRequest.builder(dir)
                .values(List.of("base.yaml", "prod.yaml"))
                .workflowVersion("2.19.0");
        more.accept(builder);
        return builder.build();
    }

    private static Map<String, String> refusals(FixPlan plan) {
        return plan.refused().stream().collect(Collectors.toMap(r -> r.finding().rule(), FixPlan.Refused::reason));
    }

    private static List<String> applied(FixPlan plan) {
        return plan.changes().stream()
                .flatMap(c -> c.applied().stream().map(a -> c.file().displayName() + ": " + a.description()))
                .toList();
    }

    @Test
    void anOverlaysNullIsNotTurnedIntoAMappingThatBringsBackTheBasesKeys() throws Exception {
        // The case: production deletes the base's whitelist; a fix that writes the TLS annotations under the
        // null would let Helm merge the base's 10.0.0.0/8 back in, and production would admit only that.
        CheckRequest request = request("""
                router:
                  deployment_annotations:
                    router.deis.io/nginx.defaultWhitelist: "10.0.0.0/8"
                """, """
                controller:
                  registration_mode: enabled
                router:
                  deployment_annotations: null
                """, NOT_ABOUT_THESE);
        FixPlan plan = new Fixer().plan(request, null);
        assertEquals(List.of("prod.yaml: controller.registration_mode set to admin_only"), applied(plan));
        String because = "prod.yaml:4:27 sets router.deployment_annotations to null: that deletes what earlier values "
                + "files and the chart set under it. Writing %s there would make router.deployment_annotations a mapping "
                + "again and bring back " + WHITELIST + " (base.yaml:3:44). Decide by hand which keys "
                + "router.deployment_annotations should hold";
        assertEquals(
                Map.of(
                        "tls-not-enforced",
                        because.formatted(ENFORCE),
                        "tls-legacy-protocols",
                        because.formatted(PROTOCOLS)),
                refusals(plan));
        assertEquals(
                "controller:\n  registration_mode: admin_only\nrouter:\n  deployment_annotations: null\n",
                plan.changes().get(0).newText());
        // What the check reports as fixable is what the fix corrects.
        CheckResult seen = plan.checkResult();
        assertEquals(
                Map.of("open-registration", true, "tls-not-enforced", false, "tls-legacy-protocols", false),
                seen.findings().stream()
                        .filter(f -> f.rule().equals("open-registration")
                                || f.rule().startsWith("tls-") && !f.rule().equals("tls-missing"))
                        .collect(Collectors.toMap(Finding::rule, Finding::fixable)));
        assertEquals(1, seen.fixableCount());
        assertEquals(3, plan.before().fixableCount(), "before the plan, the rules proposed three edits");
    }

    @Test
    void anEmptyParentInTheOverlayIsANullToo() throws Exception {
        CheckRequest request = request(
                """
                router:
                  deployment_annotations:
                    router.deis.io/nginx.defaultWhitelist: "10.0.0.0/8"
                """, """
                router:
                  deployment_annotations:
                    # none in production
                """, b -> b.disabledRules(List.of("tls-legacy-protocols", "rbac-disabled", "grafana-signup")));
        FixPlan plan = new Fixer().plan(request, null);
        assertEquals(List.of(), applied(plan));
        assertEquals(
                Map.of(
                        "tls-not-enforced",
                        "prod.yaml:2:3 leaves router.deployment_annotations empty, which Helm "
                                + "reads as null: that deletes what earlier values files and the chart set under it. Writing "
                                + ENFORCE
                                + " there would make router.deployment_annotations a mapping again and bring back "
                                + WHITELIST
                                + " (base.yaml:3:44). Decide by hand which keys router.deployment_annotations should hold"),
                refusals(plan));
    }

    @Test
    void aNullWhoseKeysComeBackOnlyAsReportedIsFixed() throws Exception {
        // The base sets only what the fix writes anyway: Helm's merge changes in the reported keys only.
        CheckRequest request = request("""
                router:
                  deployment_annotations:
                    router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"
                """, """
                router:
                  deployment_annotations: ~
                """, NOT_ABOUT_THESE);
        FixPlan plan = new Fixer().plan(request, null);
        assertEquals(Map.of(), refusals(plan));
        assertEquals(
                List.of(
                        "prod.yaml: " + PROTOCOLS + " set to \"TLSv1.2 TLSv1.3\"",
                        "prod.yaml: " + ENFORCE + " set to \"true\""),
                applied(plan));
        assertEquals(
                "router:\n  deployment_annotations:\n    router.deis.io/nginx.ssl.protocols: \"TLSv1.2 TLSv1.3\"\n"
                        + "    router.deis.io/nginx.ssl.enforce: \"true\"\n",
                plan.changes().get(0).newText());
        CheckResult after = new Fixer().recheck(request, plan);
        assertTrue(
                after.findings().stream()
                        .noneMatch(f ->
                                f.rule().equals("tls-not-enforced") || f.rule().equals("tls-legacy-protocols")),
                after.findings().toString());
    }

    @Test
    void aNullThatDeletedChartDefaultsIsNotUndoneEither() throws Exception {
        // `router: ~` deletes the chart's router defaults too; a mapping there would bring back
        // router.host_port.enabled.
        CheckRequest request = request(
                "global:\n  use_rbac: true\n",
                "router: ~\n",
                b -> b.disabledRules(List.of("tls-legacy-protocols", "rbac-disabled", "grafana-signup")));
        FixPlan plan = new Fixer().plan(request, null);
        assertEquals(
                Map.of(
                        "tls-not-enforced",
                        "prod.yaml:1:9 sets router to null: that deletes what earlier values "
                                + "files and the chart set under it. Writing " + ENFORCE
                                + " there would make router a mapping again and "
                                + "bring back router.host_port.enabled (the chart default). Decide by hand which keys router should hold"),
                refusals(plan));
        assertTrue(plan.isEmpty());
    }

    @Test
    void manyKeysBroughtBackAreNamedUpToFour() throws Exception {
        CheckRequest request = request(
                """
                router:
                  deployment_annotations:
                    a: "1"
                    b: "2"
                    c: "3"
                    d: "4"
                    e: "5"
                    f: "6"
                """, """
                router:
                  deployment_annotations: null
                """, b -> b.disabledRules(List.of("tls-legacy-protocols", "rbac-disabled", "grafana-signup")));
        String reason = refusals(new Fixer().plan(request, null)).get("tls-not-enforced");
        assertTrue(
                reason.contains("bring back router.deployment_annotations.a (base.yaml:3:8), "
                        + "router.deployment_annotations.b (base.yaml:4:8), router.deployment_annotations.c (base.yaml:5:8), "
                        + "router.deployment_annotations.d (base.yaml:6:8) and 2 more. "),
                reason);
    }

    @Test
    void anEditThatALaterFileOverridesIsRefused() throws Exception {
        // The fixer sends each edit to the last file that decides the key, so this cannot happen through plan(); the
        // proof still checks that every edit decides its key, in case a rule ever proposes the wrong file.
        CheckRequest request = request(
                "controller:\n  registration_mode: enabled\n",
                "controller:\n  registration_mode: enabled   # overlay\n",
                NOT_ABOUT_THESE);
        CheckResult result = new dev.workflowguard.check.Checker().check(request);
        Finding open = result.findings().stream()
                .filter(f -> f.rule().equals("open-registration"))
                .findFirst()
                .orElseThrow();
        SourceFile base = result.valuesFiles().get(0);
        Fixer.Candidate wrongFile = new Fixer.Candidate(
                open,
                base,
                Edit.values(List.of("controller", "registration_mode"), "admin_only", false),
                ValuesPath.parse("controller.registration_mode"),
                "controller.registration_mode");
        Fixer.Edits edits = new Fixer.Edits(new YamlEditor(YamlLimits.DEFAULTS), result);
        edits.apply(wrongFile);
        assertEquals(
                Map.of(
                        wrongFile,
                        "prod.yaml:2:22 sets controller.registration_mode after base.yaml, so "
                                + "controller.registration_mode written to base.yaml would not take effect; correct it by hand"),
                new MergeProof(result, new YamlLoader(YamlLimits.DEFAULTS)).refusals(edits));
    }

    @Test
    void refusedFindingsStayRefusedInTheRecheckSoNothingIsAdvertisedAsFixable() throws Exception {
        CheckRequest request = request("""
                router:
                  deployment_annotations:
                    router.deis.io/nginx.defaultWhitelist: "10.0.0.0/8"
                """, """
                controller:
                  registration_mode: enabled
                router:
                  deployment_annotations: null
                """, NOT_ABOUT_THESE);
        Fixer fixer = new Fixer();
        FixPlan plan = fixer.plan(request, null);
        CheckResult after = fixer.recheck(request, plan);
        assertEquals(
                List.of("tls-legacy-protocols", "tls-missing", "tls-not-enforced"),
                after.findings().stream()
                        .filter(f -> f.rule().startsWith("tls-"))
                        .map(Finding::rule)
                        .sorted()
                        .toList());
        assertFalse(
                after.findings().stream().anyMatch(Finding::fixable),
                after.findings().toString());
        assertEquals(0, after.fixableCount());
    }
}
