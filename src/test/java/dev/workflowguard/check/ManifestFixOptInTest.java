package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.ManifestFix;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.suppress.SuppressedFinding;
import dev.workflowguard.suppress.Suppression;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stage that keeps edits of committed manifests only when asked for, and counts them either way. */
class ManifestFixOptInTest {

    private static final SourceFile RENDERED = new SourceFile(
            Path.of("rendered/workflow.yaml"), "rendered/workflow.yaml", "kind: x\n", StandardCharsets.UTF_8, false);

    private static Finding finding(String rule, boolean manifestFix) {
        return new Finding(
                rule,
                Severity.ERROR,
                rule,
                List.of(Place.inManifest(new Location(RENDERED, TextPosition.START), "Deployment/deis-router", rule)),
                null,
                manifestFix
                        ? List.of(new ManifestFix(
                                RENDERED, 0, List.of("spec", "replicas"), "2", false, "Deployment/deis-router"))
                        : List.of());
    }

    private static final Finding REPLICAS = finding("single-router", true);
    private static final Finding TLS = finding("tls-missing", false);
    private static final Finding ACCEPTED = finding("tls-not-enforced", true);
    private static final SuppressedFinding SUPPRESSED = new SuppressedFinding(
            finding("open-registration", true),
            new Suppression(
                    "open-registration",
                    "why",
                    null,
                    new Location(RENDERED, TextPosition.START),
                    new Suppression.ObjectScope(null, "Deployment/deis-router")));

    private static ManifestFixOptIn apply(boolean asked) {
        return ManifestFixOptIn.apply(
                asked,
                new BaselineComparison(List.of(REPLICAS, TLS), List.of(ACCEPTED), List.of()),
                new Suppressions(List.of(REPLICAS, TLS), List.of(SUPPRESSED)));
    }

    @Test
    void askedForTheEditsAreKept() {
        ManifestFixOptIn kept = apply(true);
        assertEquals(List.of(REPLICAS, TLS), kept.active());
        assertEquals(List.of(ACCEPTED), kept.baselined());
        assertEquals(List.of(SUPPRESSED), kept.suppressed());
        assertEquals(1, kept.fixableInManifests());
    }

    @Test
    void notAskedForTheEditsAreDroppedEverywhereAndStillCounted() {
        ManifestFixOptIn dropped = apply(false);
        assertEquals(1, dropped.fixableInManifests(), "what a run with workflow.fix.manifests would correct");
        assertEquals(List.of(), dropped.active().get(0).manifestFixes());
        assertFalse(dropped.active().get(0).fixable());
        assertEquals(List.of(), dropped.baselined().get(0).manifestFixes());
        assertEquals(List.of(), dropped.suppressed().get(0).finding().manifestFixes());
        assertSame(SUPPRESSED.suppression(), dropped.suppressed().get(0).suppression());
        assertSame(TLS, dropped.active().get(1), "a finding without such edits is left as it is");
        assertEquals(
                new Finding(REPLICAS.rule(), REPLICAS.severity(), REPLICAS.cause(), REPLICAS.places(), REPLICAS.fix()),
                dropped.active().get(0),
                "the same finding without the edit");
    }
}
