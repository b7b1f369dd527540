package dev.workflowguard.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which values file a key that no file sets is written to. */
class FixerTargetTest {

    @TempDir
    Path dir;

    private static final String BASE = """
            controller:
              registration_mode: admin_only
            router:
              deployment_annotations:
                router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"
            """;

    private Map<String, String> plannedFiles(String prod, String fixTarget) throws Exception {
        TestRepo repo = new TestRepo(dir).file("base.yaml", BASE).file("prod.yaml", prod);
        CheckRequest request = CheckRequest.builder(dir)
                .values(List.of("base.yaml", "prod.yaml"))
                .workflowVersion("2.19.0")
                .build();
        FixPlan plan = new Fixer().plan(request, fixTarget);
        assertTrue(
                new Fixer()
                        .recheck(request, plan).findings().stream()
                                .noneMatch(f -> f.rule().equals("tls-not-enforced")),
                "the key must be written where Helm reads it");
        return plan.changes().stream()
                .flatMap(c -> c.applied().stream()
                        .map(a -> Map.entry(a.finding().rule(), c.file().displayName())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void aKeySetNowhereGoesToTheConfiguredTarget() throws Exception {
        Map<String, String> files = plannedFiles("global:\n  use_rbac: true\n", "base.yaml");
        assertEquals("base.yaml", files.get("tls-not-enforced"));
    }

    @Test
    void aLaterFileThatLeavesAParentEmptyReceivesTheKeyInstead() throws Exception {
        // prod.yaml's empty `deployment_annotations:` replaces base.yaml's mapping in Helm's merge: a key written to
        // base.yaml would have no effect.
        Map<String, String> files = plannedFiles("router:\n  deployment_annotations:\n    # none yet\n", "base.yaml");
        assertEquals("prod.yaml", files.get("tls-not-enforced"));
        assertEquals("prod.yaml", files.get("tls-legacy-protocols"));
    }

    @Test
    void aLaterFileThatSetsAParentToNullReceivesTheKeyInstead() throws Exception {
        // The null deletes base.yaml's protocols annotation too; writing the mapping brings it back, and that is
        // exactly what tls-legacy-protocols asks for, so Helm's merge changes in the reported keys only.
        Map<String, String> files = plannedFiles("router:\n  deployment_annotations: ~\n", "base.yaml");
        assertEquals("prod.yaml", files.get("tls-not-enforced"));
        assertEquals("prod.yaml", files.get("tls-legacy-protocols"));
    }
}
