package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.finding.ManifestFix;
import dev.workflowguard.finding.Place;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestReader;
import dev.workflowguard.manifests.ManifestSelection;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.values.ChartDefaults;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules' declarations are complete and true: checking committed manifests as the reader keeps
 * them (only the objects declared, pruned to the fields declared) finds exactly what checking every
 * object whole finds; and every place, object and fix a rule reports is among what it declares.
 */
class DeclaredInputsTest {

    private static final String STOCK = TestRepo.resourceText("fixtures/rendered-stock-2.19.yaml");
    private static final String ROUTER = "  name: deis-router\n  labels:\n    heritage: deis\n  annotations:\n";
    /** Objects of every shape the rules read, and some they do not. */
    private static final String MORE = """
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: deis-router}
            spec:
              scaleTargetRef: {kind: Deployment, name: deis-router}
              minReplicas: 1
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: other}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: app-credentials}
            stringData:
              password: s3cr3t-Passw0rd
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: deis-cleanup}
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                        - {name: cleanup, image: "quay.io/deis/cleanup:latest"}
            ---
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Pod
                metadata: {name: deis-probe}
                spec:
                  containers:
                    - {name: probe, image: "quay.io/deis/probe:canary"}
              - apiVersion: apps/v1
                kind: Deployment
                metadata: {name: nginx}
                spec:
                  template:
                    spec:
                      containers:
                        - {name: nginx, image: "nginx:latest"}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: deisfoo, annotations: {router.deis.io/nginx.ssl.enforce: "false"}}
            spec:
              template:
                spec:
                  initContainers:
                    - {name: init, image: "busybox:1", ports: [{containerPort: 1, hostPort: 1}]}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: deis-config}
            data: {a: b, a: c}
            """;
    /** The stock render, opened up: an enabled registration, legacy protocols, a host port. */
    private static final String MINIO = STOCK.replace("value: \"admin_only\"", "value: \"enabled\"")
                    .replace(
                            ROUTER + "    component.deis.io/version",
                            ROUTER + "    router.deis.io/nginx.ssl.protocols: \"TLSv1 TLSv1.2\"\n"
                                    + "    router.deis.io/nginx.ssl.enforce: \"false\"\n    component.deis.io/version")
                    .replace(
                            "            - containerPort: 8080\n",
                            "            - containerPort: 8080\n              hostPort: 80\n")
            + MORE;
    /** The same on s3, with the chart's placeholders still in the storage Secret. */
    private static final String S3 = MINIO.replace("deis.io/objectstorage: \"minio\"", "deis.io/objectstorage: \"s3\"")
            .replace(
                    "  accesskey: OFRaUlk2VDhNNjBSMFhKQ1VaN0c=\n",
                    "  registry-bucket: eW91ci1yZWdpc3RyeS1idWNrZXQtbmFtZQ==\n");

    private static final String OVERLAY = """
            global:
              storage: %s
              grafana_location: elsewhere
            router:
              replicas: [1]
              replicas: 1
            controller:
              docker_tag: canary
            s3:
              secretkey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            registry-token-refresher:
              ecr:
                password: hunter2hunter2
            """;

    private static final Pattern KIND = Pattern.compile("kind: *(\\w+)");

    @TempDir
    Path dir;

    private final YamlLoader loader = new YamlLoader(YamlLimits.DEFAULTS);
    private final SourceReader reader = new SourceReader(YamlLimits.DEFAULTS, Map.of());

    @Test
    void prunedObjectsShowTheRulesWhatWholeObjectsShow() throws Exception {
        Set<String> fired = new TreeSet<>();
        for (String storage : List.of("minio", "s3")) {
            CheckContext[] contexts = contexts(storage.equals("s3") ? S3 : MINIO, storage);
            for (Rule rule : RuleCatalogue.all()) {
                Map<String, String> whole = normal(run(rule, contexts[0]));
                assertEquals(whole, normal(run(rule, contexts[1])), storage + ": " + rule.id());
                if (!whole.isEmpty()) {
                    fired.add(rule.id());
                }
            }
        }
        assertEquals(
                new TreeSet<>(RuleCatalogue.all().stream().map(Rule::id).toList()),
                fired,
                "every rule must find something here, or its declarations go untested");
    }

    @Test
    void everyPlaceAndFixIsAmongWhatTheRuleDeclares() throws Exception {
        for (String storage : List.of("minio", "s3")) {
            CheckContext whole = contexts(storage.equals("s3") ? S3 : MINIO, storage)[0];
            for (Rule rule : RuleCatalogue.all()) {
                RuleInputs inputs = rule.inputs();
                for (RuleFindings.Pending pending : run(rule, whole).pending()) {
                    String about = storage + ": " + rule.id() + " " + pending.cause();
                    for (Place place : pending.places()) {
                        if (place.object() != null && !inputs.everyMapping()) {
                            KubeObject object = object(whole.manifests(), place.object());
                            assertTrue(
                                    inputs.objects().stream().anyMatch(match -> match.matches(object)),
                                    about + ": " + place.object() + " is not declared");
                        }
                        if (place.valuesPath() != null && !inputs.everyMapping()) {
                            assertTrue(
                                    inputs.values().stream().anyMatch(key -> covers(key, place.valuesPath())),
                                    about + ": " + place.valuesPath() + " is not declared");
                        }
                    }
                    if (pending.fix() != null) {
                        String path = new ValuesPath(pending.fix().path()).toString();
                        assertTrue(
                                inputs.fixes().stream().anyMatch(fix -> fix.key() != null && covers(fix.key(), path)),
                                about + ": the fix of " + path + " is not declared");
                    }
                    for (ManifestFix fix : pending.manifestFixes()) {
                        KubeObject object = object(whole.manifests(), fix.object());
                        assertTrue(
                                inputs.fixes().stream()
                                        .map(RuleFix::object)
                                        .anyMatch(match -> match != null && match.matches(object)),
                                about + ": the fix of " + fix.object() + " is not declared");
                    }
                }
            }
        }
    }

    /** A context on every object whole, and one on the objects the reader keeps, pruned. */
    private CheckContext[] contexts(String render, String storage) throws Exception {
        Path manifests = Files.writeString(dir.resolve("rendered-" + storage + ".yaml"), render);
        List<ManifestReader.Input> inputs = List.of(new ManifestReader.Input(manifests, "rendered.yaml"));
        // Every object of every kind, whole: what the rules would see if nothing were selected or pruned.
        SourceFile file = reader.read(manifests, "rendered.yaml");
        ManifestSet whole = new ManifestReader(loader, everyKind(render)).read(List.of(file));
        ManifestSet kept = new ManifestReader(loader, RuleInputs.selection(RuleCatalogue.all()))
                .read(inputs, reader::read, read -> {}, (done, total) -> {});
        EffectiveValues values = values(storage);
        FixOptions fixOptions = new FixOptions("admin_only", "s3", "10.0.0.0/8", true);
        WorkflowVersion version = WorkflowVersion.parse("2.19.0");
        return new CheckContext[] {
            new CheckContext(values, whole, version, null, fixOptions, null, whole),
            new CheckContext(values, kept, version, null, fixOptions, null, kept)
        };
    }

    private EffectiveValues values(String storage) throws Exception {
        Path path = Files.writeString(dir.resolve("values-" + storage + ".yaml"), OVERLAY.formatted(storage));
        SourceFile file = reader.read(path, "values.yaml");
        YamlDocument document = loader.loadFirst(file);
        return new EffectiveValues(
                List.of(new ValuesSource(file, (YamlMap) document.root(), document.duplicates())),
                ChartDefaults.forVersion(WorkflowVersion.parse("2.19.0")));
    }

    /** A selection that keeps every kind the text names. */
    private static ManifestSelection everyKind(String text) {
        return ManifestSelection.of(KIND.matcher(text)
                .results()
                .map(kind -> ObjectMatch.any(kind.group(1)))
                .toList());
    }

    private static RuleFindings run(Rule rule, CheckContext context) {
        RuleFindings findings = new RuleFindings();
        rule.check(context, findings);
        return findings;
    }

    private static KubeObject object(ManifestSet set, String ref) {
        return set.objects().stream()
                .filter(object -> object.ref().equals(ref))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no object " + ref));
    }

    /** True when the path is the key, one of its parents (where a missing key is reported), or matches its pattern. */
    private static boolean covers(ValuesKey key, String path) {
        if (key.path() == null) {
            String pattern = "\\Q" + key.text().replace("*", "\\E.+\\Q") + "\\E";
            return path.matches(pattern);
        }
        String declared = key.path().toString();
        return declared.equals(path) || declared.startsWith(path + ".");
    }

    /** A rule's findings as comparable text: causes, and per cause its places, fix and manifest fixes. */
    private static Map<String, String> normal(RuleFindings findings) {
        Map<String, String> out = new TreeMap<>();
        for (RuleFindings.Pending pending : findings.pending()) {
            List<String> places = pending.places().stream()
                    .map(place -> place.location() + " | " + place.message() + " | " + place.valuesPath() + " | "
                            + place.object())
                    .toList();
            List<String> fixes =
                    pending.manifestFixes().stream().map(String::valueOf).toList();
            out.put(
                    pending.cause(),
                    places + " fix=" + pending.fix() + " manifestFixes=" + fixes + " severity="
                            + pending.severityHint());
        }
        return out;
    }
}
