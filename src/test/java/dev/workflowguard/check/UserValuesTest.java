package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.values.SetValues;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.yaml.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage that reads the values files and --set expressions and merges them as Helm does. */
class UserValuesTest {

    @TempDir
    Path dir;

    private UserValues read(UnaryOperator<CheckRequest.Builder> configure) throws InputException {
        CheckInputs inputs = CheckInputs.of(configure
                .apply(CheckRequest.builder(dir).workflowVersion("2.19.0"))
                .build());
        return UserValues.read(inputs, WorkflowRelease.resolve(inputs));
    }

    @Test
    void filesInHelmOrderThenSetExpressionsLast() throws Exception {
        new TestRepo(dir)
                .file("base.yaml", "controller:\n  registration_mode: enabled\n")
                .file("prod.yaml", "controller:\n  registration_mode: disabled\n");
        UserValues values =
                read(b -> b.values("base.yaml", "prod.yaml").set("controller.registration_mode=admin_only"));
        assertEquals(
                List.of("base.yaml", "prod.yaml"),
                values.sourceFiles().stream().map(SourceFile::displayName).toList());
        assertEquals(
                List.of("base.yaml", "prod.yaml", SetValues.DISPLAY_NAME),
                values.sources().stream().map(s -> s.file().displayName()).toList());
        assertEquals(
                "admin_only",
                values.effective().get("controller.registration_mode").text(),
                "--set wins");
    }

    @Test
    void anEmptyFileIsAnEmptyMapping() throws Exception {
        new TestRepo(dir).file("empty.yaml", "# nothing set yet\n");
        ValuesSource empty = read(b -> b.values("empty.yaml")).files().get(0);
        assertTrue(empty.root().entries().isEmpty());
    }

    @Test
    void aFileThatIsNoMappingIsRefusedAtItsFirstNode() {
        new TestRepo(dir).file("list.yaml", "# a list\n- a\n- b\n");
        InputException e = assertThrows(InputException.class, () -> read(b -> b.values("list.yaml")));
        assertEquals(
                "list.yaml:2:1: a values file must be a mapping of keys at its top level, but this one is a list "
                        + "[parameter valuesFiles / workflow.values]",
                e.getMessage());
    }

    @Test
    void aSetExpressionThatCannotBeReadNamesItsParameter() {
        InputException e = assertThrows(InputException.class, () -> read(b -> b.set("no-equals-sign")));
        assertEquals("setValues / workflow.set", e.parameter());
    }

    @Test
    void withoutValuesThereIsNoMerge() throws Exception {
        new TestRepo(dir).file("rendered/workflow.yaml", "kind: ConfigMap\nmetadata:\n  name: a\n");
        UserValues values = read(b -> b.manifests("rendered"));
        assertEquals(List.of(), values.sources());
        assertNull(values.effective());
    }
}
