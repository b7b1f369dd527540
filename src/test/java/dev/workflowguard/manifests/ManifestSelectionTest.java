package dev.workflowguard.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.YamlData;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader keeps the objects the declarations name, pruned to the fields they name, and nothing else. */
class ManifestSelectionTest {

    private static final ManifestSelection SELECTION = ManifestSelection.of(List.of(
            ObjectMatch.named("Service", "deis-router").reading(ObjectField.of("spec.type")),
            ObjectMatch.prefixed("deis-", KubeObject.WORKLOAD_KINDS).reading(ObjectField.IMAGES),
            ObjectMatch.any("Secret").withStringData(),
            ObjectMatch.any("HorizontalPodAutoscaler").reading(ObjectField.of("spec.scaleTargetRef.name"))));

    @TempDir
    Path dir;

    @Test
    void keepsTheKindsAndNamesDeclared() {
        assertTrue(SELECTION.keeps("Service", "deis-router", false));
        assertFalse(SELECTION.keeps("Service", "deis-controller", false));
        assertTrue(SELECTION.keeps("CronJob", "deis-cleanup", false));
        assertFalse(SELECTION.keeps("CronJob", "cleanup", false));
        assertTrue(SELECTION.keeps("Secret", "anything", true));
        assertFalse(SELECTION.keeps("Secret", "anything", false));
        assertTrue(SELECTION.keeps("HorizontalPodAutoscaler", "any", false));
        assertFalse(SELECTION.keeps("ConfigMap", "deis-router", false));
        assertFalse(SELECTION.keeps(null, "deis-router", false));
        assertTrue(SELECTION.keeps("List", null, false), "a List is kept so that its items are decided one by one");
        assertTrue(SELECTION.keepsKind("Secret"));
        assertFalse(SELECTION.keepsKind("List"));
        assertFalse(SELECTION.keepsKind("ConfigMap"));
    }

    @Test
    void prunesToTheDeclaredFieldsWhereverAWorkloadKeepsItsContainers() throws Exception {
        ManifestSet kept = read("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: deis-cleanup
                  labels: {app: cleanup}
                  annotations: {workflow-guard.dev/ignore.mutable-image-tag: "pinned elsewhere"}
                spec:
                  schedule: "@daily"
                  jobTemplate:
                    spec:
                      backoffLimit: 2
                      template:
                        spec:
                          restartPolicy: Never
                          initContainers:
                            - {name: init, image: "busybox:1", command: [sh]}
                          containers:
                            - name: cleanup
                              image: "quay.io/deis/cleanup:latest"
                              env: [{name: PASSWORD, value: hunter2, valueFrom: null}]
                              resources: {limits: {cpu: 1}}
                            - just a string
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: deis-probe}
                spec:
                  containers: [{name: probe, image: "probe:canary", ports: [{hostPort: 80}]}]
                  nodeName: node-1
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: deis-router}
                spec: {type: LoadBalancer, ports: [{port: 80}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: deis-odd}
                spec: not a mapping
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: app}
                type: Opaque
                stringData: {password: hunter2}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: deis-router}
                data: {a: b}
                """);
        assertEquals(
                List.of(
                        "CronJob/deis-cleanup",
                        "Pod/deis-probe",
                        "Service/deis-router",
                        "Deployment/deis-odd",
                        "Secret/app"),
                kept.objects().stream().map(KubeObject::ref).toList());
        KubeObject cron = kept.objects().get(0);
        assertEquals(
                List.of("apiVersion", "kind", "metadata", "spec"),
                List.copyOf(cron.root().asMap().keySet()));
        assertEquals(
                List.of("name", "annotations"),
                List.copyOf(((YamlMap) cron.at("metadata")).asMap().keySet()));
        assertEquals(
                List.of("jobTemplate"),
                List.copyOf(((YamlMap) cron.at("spec")).asMap().keySet()));
        YamlMap podSpec = cron.podSpec();
        assertEquals(
                List.of("initContainers", "containers"),
                List.copyOf(podSpec.asMap().keySet()));
        // Every item stays, so that the paths of fixes stay valid; an item that is not a container stays as it is.
        assertEquals(
                List.of(
                        Map.of(
                                "image",
                                "quay.io/deis/cleanup:latest",
                                "env",
                                List.of(Map.of("name", "PASSWORD", "value", "hunter2"))),
                        "just a string"),
                YamlData.of(podSpec.get("containers")),
                "images as declared, the environment secret masking reads, no container names (none declared)");
        assertEquals(List.of(Map.of("image", "busybox:1")), YamlData.of(podSpec.get("initContainers")));
        assertEquals(
                Map.of(
                        "apiVersion",
                        "v1",
                        "kind",
                        "Pod",
                        "metadata",
                        Map.of("name", "deis-probe"),
                        "spec",
                        Map.of("containers", List.of(Map.of("image", "probe:canary")))),
                YamlData.of(kept.objects().get(1).root()));
        assertEquals(
                Map.of(
                        "apiVersion",
                        "v1",
                        "kind",
                        "Service",
                        "metadata",
                        Map.of("name", "deis-router"),
                        "spec",
                        Map.of("type", "LoadBalancer")),
                YamlData.of(kept.objects().get(2).root()));
        assertEquals("not a mapping", kept.objects().get(3).text("spec"), "a field of another shape is kept as it is");
        assertEquals(
                Map.of(
                        "apiVersion",
                        "v1",
                        "kind",
                        "Secret",
                        "metadata",
                        Map.of("name", "app"),
                        "stringData",
                        Map.of("password", "hunter2")),
                YamlData.of(kept.objects().get(4).root()));
    }

    @Test
    void aFreshRenderKeepsEveryObjectOfAKindReadWhole() throws Exception {
        ManifestSet whole = new ManifestReader(new YamlLoader(YamlLimits.DEFAULTS), SELECTION)
                .read(List.of(SourceFile.ofText(
                        "render.yaml",
                        "kind: Service\nmetadata: {name: deis-controller}\nspec: {type: ClusterIP}\n---\n"
                                + "kind: ConfigMap\nmetadata: {name: deis-router}\n")));
        assertEquals(
                List.of("Service/deis-controller"),
                whole.objects().stream().map(KubeObject::ref).toList());
        assertEquals(
                Map.of(
                        "kind",
                        "Service",
                        "metadata",
                        Map.of("name", "deis-controller"),
                        "spec",
                        Map.of("type", "ClusterIP")),
                YamlData.of(whole.objects().get(0).root()));
    }

    private ManifestSet read(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("rendered.yaml"), text);
        return new ManifestReader(new YamlLoader(YamlLimits.DEFAULTS), SELECTION)
                .read(
                        List.of(new ManifestReader.Input(file, "rendered.yaml")),
                        new SourceReader(YamlLimits.DEFAULTS, Map.of())::read,
                        source -> {},
                        (done, total) -> {});
    }
}
