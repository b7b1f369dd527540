package dev.workflowguard.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values merge exactly as `helm -f a -f b` merges them, and every effective value knows its file and line. */
class ValuesMergerTest {

    private static EffectiveValues merge(String version, String... namesAndTexts) throws Exception {
        YamlLoader loader = new YamlLoader(YamlLimits.DEFAULTS);
        List<ValuesSource> sources = new ArrayList<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            SourceFile file = SourceFile.ofText(namesAndTexts[i], namesAndTexts[i + 1]);
            YamlDocument document = loader.loadFirst(file);
            sources.add(new ValuesSource(file, (YamlMap) document.root(), document.duplicates()));
        }
        return new EffectiveValues(sources, ChartDefaults.forVersion(WorkflowVersion.parse(version)));
    }

    @Test
    void laterFilesWinAndMapsMergeDeeply() throws Exception {
        EffectiveValues values = merge(
                "2.19.0",
                "base.yaml",
                "controller:\n  registration_mode: enabled\n  app_pull_policy: Always\n",
                "prod.yaml",
                "controller:\n  registration_mode: admin_only\n");
        Value mode = values.get("controller.registration_mode");
        assertEquals("admin_only", mode.text());
        assertEquals("prod.yaml:2:22", values.locate(mode).toString());
        Value policy = values.get("controller.app_pull_policy");
        assertEquals("Always", policy.text());
        assertEquals("base.yaml:3:20", values.locate(policy).toString());
    }

    @Test
    void listsAndScalarsReplaceWhole() throws Exception {
        EffectiveValues values =
                merge("2.19.0", "a.yaml", "list: [1, 2, 3]\nmap:\n  x: 1\n", "b.yaml", "list: [4]\nmap: flat\n");
        assertEquals(1, ((YamlList) values.get("list").node()).items().size());
        assertEquals("flat", values.get("map").text());
        assertEquals(Value.State.BLOCKED, values.get("map.x").state());
    }

    @Test
    void laterMapReplacesAnEarlierScalar() throws Exception {
        EffectiveValues values = merge("2.19.0", "a.yaml", "router: none\n", "b.yaml", "router:\n  replicas: 2\n");
        assertEquals("2", values.get("router.replicas").text());
    }

    @Test
    void nullDeletesTheKeyAndTheChartDefault() throws Exception {
        EffectiveValues values =
                merge("2.19.0", "a.yaml", "global:\n  storage: s3\n", "b.yaml", "global:\n  storage: null\n");
        Value storage = values.get("global.storage");
        assertEquals(Value.State.DELETED, storage.state());
        assertNull(storage.node());
        assertEquals("b.yaml:2:12", values.locate(storage).toString());
    }

    @Test
    void nullOnAParentDeletesEverythingBelow() throws Exception {
        EffectiveValues values =
                merge("2.19.0", "a.yaml", "monitor:\n  grafana:\n    allow_sign_up: false\n", "b.yaml", "monitor: ~\n");
        Value signUp = values.get("monitor.grafana.allow_sign_up");
        assertEquals(Value.State.DELETED, signUp.state());
        assertEquals(ValuesPath.parse("monitor"), signUp.entryPath());
    }

    @Test
    void aLaterFileCanSetADeletedKeyAgain() throws Exception {
        EffectiveValues values =
                merge("2.19.0", "a.yaml", "global:\n  storage: ~\n", "b.yaml", "global:\n  storage: gcs\n");
        assertEquals("gcs", values.get("global.storage").text());
    }

    @Test
    void unsetKeysTakeTheChartDefaultForTheVersionAndPointAtTheLastFile() throws Exception {
        EffectiveValues old = merge("2.11.0", "a.yaml", "x: 1\n", "b.yaml", "y: 1\ncontroller:\n  other: 1\n");
        Value mode = old.get("controller.registration_mode");
        assertEquals(Value.State.UNSET, mode.state());
        assertEquals("enabled", mode.text());
        assertEquals("b.yaml:2:1", old.locate(mode).toString());
        assertEquals(
                "chart default for Workflow 2.11.0 is \"enabled\"",
                mode.chartDefault().explanation());

        EffectiveValues newer = merge("2.12.0", "a.yaml", "x: 1\n");
        assertEquals("admin_only", newer.get("controller.registration_mode").text());
        assertEquals(
                "a.yaml:1:1",
                newer.locate(newer.get("controller.registration_mode")).toString());
    }

    @Test
    void versionDependentDefaultsAreUnknownWithoutAVersion() throws Exception {
        EffectiveValues values = merge(null, "a.yaml", "x: 1\n");
        assertNull(values.get("controller.registration_mode").text());
        assertNull(values.get("global.use_rbac").text());
        assertEquals("minio", values.get("global.storage").text());
    }

    /**
     * The release table (src/main/resources/dev/workflowguard/facts/workflow-releases.yaml, read from the release
     * tags) has global.use_rbac default false up to 2.21.x, also in Hephy's first releases, and true from 2.22.0.
     */
    @Test
    void rbacDefaultFollowsDeisAndHephy() throws Exception {
        assertEquals(
                "false",
                merge("2.19.4", "a.yaml", "x: 1\n").get("global.use_rbac").text());
        assertEquals(
                "false",
                merge("2.20.0", "a.yaml", "x: 1\n").get("global.use_rbac").text());
        assertEquals(
                "false",
                merge("2.21.6", "a.yaml", "x: 1\n").get("global.use_rbac").text());
        assertEquals(
                "true",
                merge("2.22.0", "a.yaml", "x: 1\n").get("global.use_rbac").text());
    }

    @Test
    void emptyFilesMergeAsEmptyMaps() throws Exception {
        YamlLoader loader = new YamlLoader(YamlLimits.DEFAULTS);
        SourceFile empty = SourceFile.ofText("empty.yaml", "# nothing\n");
        assertNull(loader.loadFirst(empty));
    }
}
