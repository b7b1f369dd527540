package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.finding.Place;
import dev.workflowguard.manifests.ManifestReader;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.rules.CheckContext;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleFindings;
import dev.workflowguard.rules.RuleInputs;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.values.ChartDefaults;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checking manifest files one by one and joining the results gives what checking them as one set
 * gives, whenever the files show the same {@link dev.workflowguard.rules.ManifestFacts}; when they
 * do not, the check says so and the checker falls back to one set.
 */
class FileByFileCheckTest {

    private static final String STOCK = TestRepo.resourceText("fixtures/rendered-stock-2.19.yaml");
    private static final String HPA = """
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: deis-router
              namespace: deis
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: deis-router}
              minReplicas: 2
              maxReplicas: 4
            """;
    private static final String ROLE = """
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: deis:deis-controller
            rules: []
            """;

    @TempDir
    Path dir;

    @Test
    void stockRendersOfThreeClustersWithValues() throws Exception {
        assertSameAsOneSet(true, "fixtures/stock-values-2.19.yaml", FixOptions.DEFAULTS, s -> s, s -> s, s -> s);
    }

    @Test
    void stockRendersOfThreeClustersWithoutValues() throws Exception {
        assertSameAsOneSet(true, null, FixOptions.DEFAULTS, s -> s, s -> s, s -> s);
    }

    @Test
    void everyClusterAutoscaledWithRolesAndManifestFixes() throws Exception {
        UnaryOperator<String> production = s -> s + HPA + ROLE;
        assertSameAsOneSet(
                true,
                "fixtures/stock-values-2.19.yaml",
                new FixOptions("admin_only", "s3", "10.0.0.0/8", true),
                production,
                production,
                production);
    }

    @Test
    void clustersDifferingOnlyInPerObjectSettings() throws Exception {
        // Per-object differences (an image tag, a sign-up flag, a Minio left out) do not change any fact.
        assertSameAsOneSet(
                true,
                "fixtures/stock-values-2.19.yaml",
                FixOptions.DEFAULTS,
                s -> s.replace(
                        "- name: \"ALLOW_SIGN_UP\"\n              value: \"true\"",
                        "- name: \"ALLOW_SIGN_UP\"\n              value: \"false\""),
                s -> s.replaceFirst(
                        "(?s)---\\napiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: deis-minio.*?(?=\\n---)",
                        ""),
                s -> s);
    }

    @Test
    void anAutoscalerInOneFileOnlyMakesTheFilesInconsistent() throws Exception {
        assertSameAsOneSet(false, "fixtures/stock-values-2.19.yaml", FixOptions.DEFAULTS, s -> s + HPA, s -> s, s -> s);
    }

    @Test
    void theCheckerFallsBackToOneSetWhenTheFilesDisagree() throws Exception {
        // The autoscaler is in a file of its own, as `helm template --output-dir` writes it: it still scales the
        // router.
        TestRepo repo = new TestRepo(dir).file("rendered/workflow.yaml", STOCK).file("rendered/hpa.yaml", HPA);
        CheckResult result = repo.manifests("rendered");
        Findings.none(result, "single-router");
        assertTrue(Findings.rules(result).contains("tls-missing"), Findings.describe(result));
        assertTrue(
                result.notes().stream().anyMatch(n -> n.contains("checked as one set")),
                result.notes().toString());
    }

    @Test
    void filesThatAgreeAreCheckedOneByOneWithoutANote() throws Exception {
        TestRepo repo = new TestRepo(dir)
                .file("clusters/a/workflow.yaml", STOCK + HPA)
                .file("clusters/b/workflow.yaml", STOCK + HPA);
        CheckResult result = repo.manifests("clusters");
        Findings.none(result, "single-router");
        assertFalse(
                result.notes().stream().anyMatch(n -> n.contains("checked as one set")),
                result.notes().toString());
    }

    @Test
    void rbacIsReportedOnceAtTheFirstWorkloadWhicheverWayTheFilesAreChecked() throws Exception {
        TestRepo repo =
                new TestRepo(dir).file("clusters/a/workflow.yaml", STOCK).file("clusters/b/workflow.yaml", STOCK);
        CheckResult result = repo.manifests("clusters");
        Findings.at(Findings.single(result, "rbac-disabled"), "clusters/a/workflow.yaml:6:9");
        Findings.at(
                Findings.single(result, "single-router"),
                "clusters/a/workflow.yaml:92:13",
                "clusters/b/workflow.yaml:92:13");
    }

    private void assertSameAsOneSet(
            boolean consistent,
            String valuesResource,
            FixOptions fixOptions,
            UnaryOperator<String> a,
            UnaryOperator<String> b,
            UnaryOperator<String> c)
            throws Exception {
        List<ManifestReader.Input> inputs = new ArrayList<>();
        String[] names = {"a", "b", "c"};
        List<UnaryOperator<String>> edits = List.of(a, b, c);
        for (int i = 0; i < names.length; i++) {
            Path file = dir.resolve("clusters/" + names[i] + "/workflow.yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, edits.get(i).apply(STOCK));
            inputs.add(new ManifestReader.Input(file, "clusters/" + names[i] + "/workflow.yaml"));
        }
        WorkflowVersion version = WorkflowVersion.parse("2.19.0");
        YamlLoader loader = new YamlLoader(YamlLimits.DEFAULTS);
        SourceReader reader = new SourceReader(YamlLimits.DEFAULTS, Map.of());
        EffectiveValues values = null;
        if (valuesResource != null) {
            Files.writeString(dir.resolve("values.yaml"), TestRepo.resourceText(valuesResource));
            SourceFile file = reader.read(dir.resolve("values.yaml"), "values.yaml");
            YamlDocument document = loader.loadFirst(file);
            values = new EffectiveValues(
                    List.of(new ValuesSource(file, (YamlMap) document.root(), document.duplicates())),
                    ChartDefaults.forVersion(version));
        }
        List<Rule> rules = RuleCatalogue.all();
        ManifestReader manifests = new ManifestReader(loader, RuleInputs.selection(rules));

        ManifestSet all = manifests.read(inputs, reader::read, f -> {}, (done, total) -> {});
        CheckContext together = new CheckContext(values, all, version, null, fixOptions, null, all);
        List<RuleFindings> expected = new ArrayList<>();
        for (Rule rule : rules) {
            RuleFindings found = new RuleFindings();
            rule.check(together, found);
            expected.add(found);
        }

        FileByFileCheck byFile =
                new FileByFileCheck(rules, values, version, null, fixOptions, new HashSet<>(RuleCatalogue.ids()));
        FileByFileCheck.Result joined =
                byFile.join(manifests.readEach(inputs, reader::read, f -> {}, (done, total) -> {}, byFile::check));
        assertEquals(consistent, joined.consistent());
        if (!consistent) {
            return;
        }
        int compared = 0;
        for (int i = 0; i < rules.size(); i++) {
            assertEquals(
                    normal(expected.get(i)),
                    normal(joined.findings().get(i)),
                    rules.get(i).id());
            compared += expected.get(i).pending().size();
        }
        assertTrue(compared > 0, "the inputs must produce findings to compare");
    }

    /** A rule's findings as comparable text: causes, and per cause its places, fix and manifest fixes. */
    private static Map<String, String> normal(RuleFindings findings) {
        Map<String, String> out = new TreeMap<>();
        for (RuleFindings.Pending pending : findings.pending()) {
            Set<String> places = new TreeSet<>();
            for (Place place : pending.places()) {
                places.add(place.location() + " | " + place.message() + " | " + place.valuesPath() + " | "
                        + place.object());
            }
            Set<String> fixes = new TreeSet<>();
            pending.manifestFixes().forEach(f -> fixes.add(String.valueOf(f)));
            out.put(
                    pending.cause(),
                    places + " fix=" + pending.fix() + " manifestFixes=" + fixes + " severity=" + pending.severityHint()
                            + " first=" + pending.places().get(0).location());
        }
        return out;
    }
}
