package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.release.KeyHistory;
import dev.workflowguard.release.ReleaseFacts;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.release.WorkflowVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which releases have a key comes from the release table; the rules' declared since/until must agree with it. */
class ValuesKeyTableTest {

    private static WorkflowReleases eras() throws IOException {
        try (InputStream in = ValuesKeyTableTest.class.getResourceAsStream("/dev/workflowguard/release/eras.yaml")) {
            return WorkflowReleases.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static WorkflowVersion version(String text) {
        return WorkflowVersion.parse(text);
    }

    @Test
    void aCoveredKeyIsMissingExactlyWhereTheTableSays() throws IOException {
        WorkflowReleases table = eras();
        // Declared "every release", but the table says otherwise: the table wins for a key it covers.
        ValuesKey rbac = ValuesKey.of("global.use_rbac");
        assertTrue(rbac.missingIn(version("2.12.0"), table));
        assertFalse(rbac.missingIn(version("2.15.0"), table));
        assertFalse(rbac.missingIn(version("2.21.9"), table), "2.21.9 takes 2.21.3's facts");
        assertTrue(ValuesKey.of("router.replicas").missingIn(version("2.22.0"), table));
        assertFalse(rbac.missingIn(WorkflowVersion.UNSET, table), "an unset release assumes nothing");
        assertFalse(rbac.missingIn(version("2.13.0"), table), "a line the table lacks assumes nothing");
    }

    @Test
    void aKeyBelowACoveredKeyExistsWhereItsParentDoes() throws IOException {
        WorkflowReleases table = eras();
        ValuesKey enforce = Router.annotationKey(Router.SSL_ENFORCE);
        assertEquals(List.of("router.deployment_annotations"), enforce.coveredKeys(table));
        assertFalse(enforce.missingIn(version("2.9.0"), table));
        assertEquals(
                "router.deployment_annotations",
                enforce.history(table).orElseThrow().key());
    }

    @Test
    void anUncoveredKeyKeepsItsDeclaredReleases() throws IOException {
        WorkflowReleases table = eras();
        ValuesKey declared = ValuesKey.of("builder.service_type").since("2.14");
        assertTrue(declared.missingIn(version("2.12.0"), table));
        assertFalse(declared.missingIn(version("2.15.0"), table));
    }

    /**
     * The declared since/until of every key the rules read, against the bundled table: a key the table covers
     * exists in one unbroken run of releases from `since` (or the first release) to `until` (or the newest).
     * Needs the real table (src/facts/workflow-chart-facts.py's output).
     */
    @Test
    void declaredReleasesOfEveryRuleKeyAgreeWithTheBundledTable() {
        WorkflowReleases table = WorkflowReleases.bundled();
        List<ValuesKey> keys = RuleCatalogue.all().stream()
                .flatMap(rule -> Stream.concat(
                        rule.inputs().values().stream(),
                        rule.inputs().fixes().stream().map(RuleFix::key).filter(Objects::nonNull)))
                .distinct()
                .toList();
        for (ValuesKey key : keys) {
            if (key.coveredKeys(table).isEmpty() || !key.coveredKeys(table).contains(key.toString())) {
                continue;
            }
            KeyHistory history = table.history(key.toString());
            List<ReleaseFacts> with = table.releasesWith(key.toString());
            if (with.isEmpty()) {
                // In no release (router.replicas): only forks have it, and the table alone decides.
                continue;
            }
            assertEquals(1, runsOfExistence(history), key + " exists in one run of releases: " + history.where());
            WorkflowVersion first = with.get(0).version();
            WorkflowVersion last = with.get(with.size() - 1).version();
            // The first Helm chart (2.8.0): before it, Helm Classic charts had no Helm values at all.
            WorkflowVersion tableFirst = table.helmVersions().get(0);
            assertEquals(
                    first.equals(tableFirst) ? WorkflowVersion.UNSET : first,
                    key.since(),
                    key + ": declared since " + key.since() + ", the table says " + history.where());
            assertEquals(
                    last.equals(table.newest().version()) ? WorkflowVersion.UNSET : last,
                    key.until(),
                    key + ": declared until " + key.until() + ", the table says " + history.where());
        }
    }

    private static int runsOfExistence(KeyHistory history) {
        int runs = 0;
        boolean inside = false;
        for (KeyHistory.Run run : history.runs()) {
            if (run.exists() && !inside) {
                runs++;
            }
            inside = run.exists();
        }
        return runs;
    }
}
