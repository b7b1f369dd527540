package dev.workflowguard.edit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edits that cannot be made safely are refused with a reason; the caller then writes nothing. */
class EditorRefusalTest {

    private static EditException refused(String text, List<String> path, String value) {
        return assertThrows(EditException.class, () -> new YamlEditor(YamlLimits.DEFAULTS)
                .apply(SourceFile.ofText("v.yaml", text), Edit.values(path, value, false)));
    }

    @Test
    void aParentThatIsAScalarIsNotReplaced() {
        EditException e = refused("controller: enabled\n", List.of("controller", "registration_mode"), "admin_only");
        assertTrue(e.getMessage().contains("controller is a string, not a mapping"), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot set controller.registration_mode in v.yaml"), e.getMessage());
    }

    @Test
    void aSharedAnchorIsNotEdited() {
        EditException e = refused("controller:\n  registration_mode: &m enabled\nother:\n  mode: *m\n",
                List.of("controller", "registration_mode"), "admin_only");
        assertTrue(e.getMessage().contains("anchored as &m"), e.getMessage());
    }

    @Test
    void aCollectionIsNotReplacedByAScalar() {
        EditException e = refused("global:\n  storage:\n    - minio\n", List.of("global", "storage"), "s3");
        assertTrue(e.getMessage().contains("only scalars are replaced"), e.getMessage());
    }

    @Test
    void anEmptyFirstDocumentFollowedByOthersIsRefused() {
        EditException e = refused("---\n---\nother: 1\n", List.of("global", "storage"), "s3");
        assertTrue(e.getMessage().contains("empty and other documents follow"), e.getMessage());
    }

    @Test
    void unparsableTextIsRefused() {
        EditException e = refused("a: [\n", List.of("a"), "1");
        assertTrue(e.getMessage().startsWith("cannot be edited: v.yaml:"), e.getMessage());
    }

    @Test
    void anOverridingMergeKeyThatWouldHideTheEditIsRefused() {
        // Go yaml v2: a merge key after an explicit key overrides it, so adding the key cannot work.
        EditException e = refused("d: &d\n  mode: enabled\nc:\n  other: 1\n  <<: *d\n", List.of("c", "mode"),
                "admin_only");
        assertTrue(e.getMessage().startsWith("internal error"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
    }
}
