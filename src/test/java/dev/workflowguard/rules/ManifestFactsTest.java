package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.workflowguard.manifests.ManifestReader;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facts of a set of objects are the names of the evidence the rules declare and the objects show. */
class ManifestFactsTest {

    private static final String STOCK = TestRepo.resourceText("fixtures/rendered-stock-2.19.yaml");

    private static ManifestFacts facts(String manifests) throws Exception {
        ManifestSet objects = new ManifestReader(
                        new YamlLoader(YamlLimits.DEFAULTS), RuleInputs.selection(RuleCatalogue.all()))
                .read(List.of(SourceFile.ofText("rendered.yaml", manifests)));
        return ManifestFacts.of(RuleCatalogue.all(), objects);
    }

    @Test
    void theStockRenderShowsOnlyItsRouterService() throws Exception {
        assertEquals(Set.of("router Service"), facts(STOCK).shown());
        assertEquals(Set.of(), facts("").shown());
    }

    @Test
    void eachPieceOfEvidenceIsNamedAfterWhatTheRulesDeclare() throws Exception {
        String production = STOCK + """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: deis-router}
                spec:
                  scaleTargetRef: {kind: Deployment, name: deis-router}
                  minReplicas: 2
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: "deis:deis-controller"}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: deis-router-platform-cert}
                """;
        ManifestFacts facts = facts(production);
        assertEquals(Set.of("router Service", "router scaled", "deis roles", "TLS certificate"), facts.shown());
        assertEquals(true, facts.shows(SingleRouterRule.SCALED));
        assertEquals(false, facts.shows(NoIpWhitelistRule.WHITELISTED));
        // The record's own equals: the same evidence, the same facts.
        assertEquals(facts(production), facts);
        assertNotEquals(facts(STOCK), facts);
    }

    @Test
    void routerAnnotationsShowEnforcementAndWhitelists() throws Exception {
        String router = "  name: deis-router\n  labels:\n    heritage: deis\n  annotations:\n";
        String annotated = STOCK.replace(
                router + "    component.deis.io/version",
                router + "    router.deis.io/nginx.ssl.hsts.enabled: \"true\"\n"
                        + "    router.deis.io/nginx.defaultWhitelist: 10.0.0.0/8\n"
                        + "    component.deis.io/version");
        assertEquals(
                Set.of("router Service", "TLS enforced", "whitelisted"),
                facts(annotated).shown());
    }
}
