package dev.workflowguard.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A key across the releases of a table: where it exists and how its default moved, in the docs' words. */
class KeyHistoryTest {

    static WorkflowReleases eras() throws IOException {
        try (InputStream in = KeyHistoryTest.class.getResourceAsStream("eras.yaml")) {
            return WorkflowReleases.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aKeyThatAppearsAndWhoseDefaultChangesSaysBoth() throws IOException {
        KeyHistory rbac = eras().history("global.use_rbac");
        assertEquals("Workflow 2.15.0 – 2.22.0; default false up to 2.21.x, true from 2.22.0", rbac.describe());
        assertEquals(Optional.of("2.15.0"), rbac.firstRelease().map(WorkflowVersion::display));
        assertFalse(rbac.inEveryRelease());
        assertEquals(Optional.empty(), rbac.settledDefault(), "false, then true");
    }

    @Test
    void aDefaultThatChangedWithinAReleaseLineNamesTheExactRelease() throws IOException {
        assertEquals(
                "Workflow 2.10.0 – 2.22.0; default true up to 2.11.x, false from 2.12.0",
                eras().history("router.host_port.enabled").describe());
        assertEquals(
                "every Helm chart of Workflow (2.9.0 – 2.22.0); default enabled up to 2.11.x, admin_only from 2.12.0",
                eras().history("controller.registration_mode").describe());
    }

    @Test
    void aSettledDefaultAndAKeyWithoutOneAndAKeyNoReleaseHas() throws IOException {
        WorkflowReleases table = eras();
        assertEquals(
                "every Helm chart of Workflow (2.9.0 – 2.22.0); default minio",
                table.history("global.storage").describe());
        assertEquals(Optional.of("minio"), table.history("global.storage").settledDefault());
        assertEquals(
                "every Helm chart of Workflow (2.9.0 – 2.22.0); no default",
                table.history("router.deployment_annotations").describe());
        assertEquals("no Workflow release", table.history("router.replicas").describe());
        assertTrue(table.history("router.replicas").firstRelease().isEmpty());
    }

    @Test
    void theTablesLinesForMessages() throws IOException {
        assertEquals("2.9 – 2.22", eras().lines());
    }
}
