package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `no-ip-whitelist`: no router-wide IP whitelist in any input. */
class NoIpWhitelistRuleTest {

    private static final String RULE = "no-ip-whitelist";
    private static final String DEFAULT_WHITELIST = "router.deis.io/nginx.defaultWhitelist";
    private static final String ENFORCE_WHITELISTS = "router.deis.io/nginx.enforceWhitelists";

    /** Values with one router annotation on line 3; the annotations key is at 2:3. */
    private static String annotation(String line) {
        return "router:\n  deployment_annotations:\n    " + line + "\n";
    }

    @TempDir
    Path dir;

    @Test
    void noWhitelistInValuesIsInfoAtTheAnnotationsKey() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", annotation("router.deis.io/nginx.ssl.enforce: \"true\""));
        Finding finding = Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
        Findings.at(finding, "values.yaml:2:3");
        Findings.says(
                finding,
                "router.deployment_annotations sets no " + DEFAULT_WHITELIST,
                "does not enforce app whitelists",
                "-Dworkflow.fix.whitelist=");
        assertEquals(Severity.INFO, finding.severity());
        assertFalse(finding.fixable(), "the CIDRs need a person");
    }

    @Test
    void whitelistFixOptionMakesItFixable() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", annotation("router.deis.io/nginx.ssl.enforce: \"true\""));
        CheckResult result = repo.check(b -> b.workflowVersion("2.19.0")
                .values("values.yaml")
                .fixOptions(new FixOptions(null, null, "10.0.0.0/8,192.168.0.0/16", false)));
        Finding finding = Findings.single(result, RULE);
        assertTrue(finding.fixable());
        ProposedFix fix = finding.fix();
        assertEquals(List.of("router", "deployment_annotations", DEFAULT_WHITELIST), fix.path());
        assertEquals("10.0.0.0/8,192.168.0.0/16", fix.value());
        assertTrue(fix.quoted());
        assertNull(fix.target());
        assertFalse(finding.message().contains("-Dworkflow.fix.whitelist="), finding.message());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                DEFAULT_WHITELIST + ": \"10.0.0.0/8\"",
                ENFORCE_WHITELISTS + ": \"true\"",
                ENFORCE_WHITELISTS + ": true"
            })
    void whitelistOrEnforcedAppWhitelistsHaveNoFinding(String line) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", annotation(line));
        Findings.none(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                DEFAULT_WHITELIST + ": \"\"",
                ENFORCE_WHITELISTS + ": \"false\"",
                ENFORCE_WHITELISTS + ": \"yes\""
            })
    void emptyWhitelistOrUnenforcedAppWhitelistsStillFire(String line) throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", annotation(line));
        Findings.single(repo.values("2.19.0", "values.yaml"), RULE);
    }

    @Test
    void emptyWhitelistSetInValuesIsReportedAtTheValue() throws Exception {
        TestRepo repo = new TestRepo(dir).file("values.yaml", annotation(DEFAULT_WHITELIST + ": \"\""));
        Findings.at(Findings.single(repo.values("2.19.0", "values.yaml"), RULE), "values.yaml:3:44");
    }

    @Test
    void renderedRouterWithoutWhitelistIsInfoAtTheRouterName() throws Exception {
        TestRepo repo = new TestRepo(dir).file("rendered/router.yaml", TlsNotEnforcedRuleTest.router());
        Finding finding = Findings.single(repo.manifests("rendered"), RULE);
        Findings.at(finding, "rendered/router.yaml:6:9");
        Findings.says(finding, "Deployment/deis-router has no " + DEFAULT_WHITELIST);
        assertEquals(Severity.INFO, finding.severity());
    }

    @Test
    void renderedRouterWithWhitelistHasNoFinding() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("rendered/router.yaml", TlsNotEnforcedRuleTest.router(DEFAULT_WHITELIST + ": \"10.0.0.0/8\""));
        Findings.none(repo.manifests("rendered"), RULE);
    }

    @Test
    void whitelistInValuesSatisfiesAStaleRender() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", annotation(DEFAULT_WHITELIST + ": \"10.0.0.0/8\""))
                .file("rendered/router.yaml", TlsNotEnforcedRuleTest.router());
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Findings.none(result, RULE);
    }

    @Test
    void enforcedWhitelistsInTheRenderSatisfyTheValues() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "router:\n  dhparam: \"\"\n")
                .file("rendered/router.yaml", TlsNotEnforcedRuleTest.router(ENFORCE_WHITELISTS + ": \"true\""));
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Findings.none(result, RULE);
    }

    @Test
    void noWhitelistInValuesAndRenderIsOneFindingWithTheValuesPlaceFirst() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", annotation(DEFAULT_WHITELIST + ": \"\""))
                .file("rendered/router.yaml", TlsNotEnforcedRuleTest.router());
        CheckResult result = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Finding finding = Findings.single(result, RULE);
        Findings.at(finding, "values.yaml:3:44", "rendered/router.yaml:6:9");
    }

    @Test
    void nativeIngressReplacesTheRouter() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("values.yaml", "global:\n  experimental_native_ingress: yes\n")
                .file("rendered/router.yaml", TlsNotEnforcedRuleTest.router());
        CheckResult both = repo.check(
                b -> b.workflowVersion("2.19.0").values("values.yaml").manifests("rendered"));
        Findings.none(both, RULE);
    }
}
