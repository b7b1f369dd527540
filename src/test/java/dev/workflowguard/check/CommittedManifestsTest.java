package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.suppress.Suppression;
import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.yaml.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage that reads the committed manifests: one file as one set; several files one by one while
 * they agree; read again as one set, with a note, when they do not.
 */
class CommittedManifestsTest {

    private static final String STOCK = TestRepo.resourceText("fixtures/rendered-stock-2.19.yaml");
    private static final String HPA = """
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: deis-router
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: deis-router}
              minReplicas: 2
            """;
    private static final String IGNORED = "# workflow:ignore mutable-image-tag reason=\"pinned by the cluster\"\n";

    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();

    private CommittedManifests read(String... manifests) throws InputException {
        CheckRequest request = CheckRequest.builder(dir).manifests(manifests).build();
        CheckInputs inputs = CheckInputs.of(request);
        WorkflowRelease release = WorkflowRelease.resolve(inputs);
        return CommittedManifests.read(
                inputs,
                RuleSettings.of(request),
                release,
                UserValues.read(inputs, release),
                (done, total) -> progress.add(done + "/" + total));
    }

    private static List<String> names(List<SourceFile> files) {
        return files.stream().map(SourceFile::displayName).toList();
    }

    @Test
    void oneFileIsKeptAsOneSet() throws Exception {
        new TestRepo(dir).file("rendered/workflow.yaml", IGNORED + STOCK);
        CommittedManifests committed = read("rendered");
        assertNotNull(committed.objects());
        assertNull(committed.byFile());
        assertTrue(committed.objects().contains("Deployment", "deis-router"));
        assertEquals(List.of("rendered/workflow.yaml"), names(committed.files()));
        assertEquals(List.of(), committed.notes());
        assertEquals(List.of("1/1"), progress);
        assertEquals(
                List.of("rendered/workflow.yaml:1:1"),
                committed.comments().suppressions().stream()
                        .map(s -> s.source().toString())
                        .toList());
    }

    @Test
    void filesThatAgreeAreCheckedOneByOneAndKeepNoObjects() throws Exception {
        new TestRepo(dir).file("clusters/a/workflow.yaml", STOCK).file("clusters/b/workflow.yaml", IGNORED + STOCK);
        CommittedManifests committed = read("clusters");
        assertNull(committed.objects(), "the objects are dropped once each file is checked");
        assertTrue(committed.byFile().consistent());
        assertEquals(List.of("clusters/a/workflow.yaml", "clusters/b/workflow.yaml"), names(committed.files()));
        assertTrue(
                committed.byFile().findings().stream().anyMatch(f -> !f.isEmpty()),
                "the rules ran on each file as it was read");
        assertEquals(List.of(), committed.notes());
        assertEquals(1, committed.comments().suppressions().size());
        assertEquals("2/2", progress.get(progress.size() - 1));
    }

    @Test
    void filesThatDisagreeAreReadAgainAsOneSetAndCommentsAreReadOnce() throws Exception {
        new TestRepo(dir).file("rendered/hpa.yaml", IGNORED + HPA).file("rendered/workflow.yaml", STOCK);
        CommittedManifests committed = read("rendered");
        assertNull(committed.byFile());
        assertTrue(committed.objects().contains("HorizontalPodAutoscaler", "deis-router"));
        assertTrue(committed.objects().contains("Deployment", "deis-router"));
        assertEquals(List.of("rendered/hpa.yaml", "rendered/workflow.yaml"), names(committed.files()));
        assertEquals(List.of(CommittedManifests.READ_AGAIN), committed.notes());
        List<Suppression> comments = committed.comments().suppressions();
        assertEquals(1, comments.size(), comments.toString());
        assertEquals(List.of(), committed.annotations());
    }

    @Test
    void withoutManifestsNothingIsRead() throws Exception {
        new TestRepo(dir).file("values.yaml", "a: 1\n");
        CheckRequest request = CheckRequest.builder(dir).values("values.yaml").build();
        CheckInputs inputs = CheckInputs.of(request);
        WorkflowRelease release = WorkflowRelease.resolve(inputs);
        CommittedManifests committed = CommittedManifests.read(
                inputs, RuleSettings.of(request), release, UserValues.read(inputs, release), (done, total) -> {});
        assertNull(committed.objects());
        assertNull(committed.byFile());
        assertEquals(List.of(), committed.files());
    }

    @Test
    void yamlThatCannotBeReadNamesTheFileAndTheParameter() {
        new TestRepo(dir).file("rendered/broken.yaml", "kind: Service\nmetadata: [unclosed\n");
        InputException e = assertThrows(InputException.class, () -> read("rendered"));
        assertTrue(e.getMessage().startsWith("rendered/broken.yaml:"), e.getMessage());
        assertEquals("manifests / workflow.manifests", e.parameter());
    }
}
