package dev.workflowguard.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Edits that cannot be made safely are refused, before anything is spliced, with a sentence that
 * names the construct and its line and (for a construct) what to set by hand; the caller then
 * writes nothing. Each construct the editor refuses has a case here; the ones it edits exactly
 * are golden cases (src/test/resources/golden).
 */
class EditorRefusalTest {

    private static final String BY_HAND = "; set controller.registration_mode to admin_only by hand";

    private static EditException refused(String text, List<Object> path, String value) {
        return refused(0, text, path, value);
    }

    private static EditException refused(int document, String text, List<Object> path, String value) {
        return assertThrows(
                EditException.class,
                () -> new YamlEditor(YamlLimits.DEFAULTS)
                        .apply(SourceFile.ofText("v.yaml", text), new Edit(document, path, value, false)));
    }

    private static void assertRegistrationModeRefused(String text, String why) {
        EditException e = refused(text, List.of("controller", "registration_mode"), "admin_only");
        assertEquals("cannot set controller.registration_mode in v.yaml: " + why, e.getMessage());
    }

    // ---- wrong types ----

    @Test
    void aParentThatIsAScalarIsNotReplaced() {
        assertRegistrationModeRefused("controller: enabled\n", "controller is a string, not a mapping (line 1)");
    }

    @Test
    void aParentThatIsAListIsNotReplaced() {
        assertRegistrationModeRefused(
                "global: {}\ncontroller:\n- enabled\n", "controller is a list, not a mapping (line 3)");
    }

    @Test
    void aDocumentThatIsNotAMappingIsNotReplaced() {
        assertRegistrationModeRefused("- controller\n", "the document is a list, not a mapping (line 1)");
        assertRegistrationModeRefused(
                "# a comment\njust a string\n", "the document is a string, not a mapping (line 2)");
    }

    @Test
    void aCollectionIsNotReplacedByAScalar() {
        assertRegistrationModeRefused(
                "controller:\n  registration_mode:\n    - enabled\n",
                "controller.registration_mode is a list (line 3); only scalars are replaced");
    }

    @Test
    void aCollectionReachedThroughAnAliasIsNotReplaced() {
        assertRegistrationModeRefused(
                "modes: &modes [enabled]\ncontroller:\n  registration_mode: *modes\n",
                "controller.registration_mode is a list (through the alias *modes, line 3); only scalars are replaced");
    }

    @Test
    void aScalarReachedThroughAnAliasIsNotAParent() {
        EditException e =
                refused("pods: &p enabled\ncontroller:\n  pods: *p\n", List.of("controller", "pods", "replicas"), "2");
        assertEquals(
                "cannot set controller.pods.replicas in v.yaml: controller.pods is a string, not a mapping"
                        + " (through the alias *p, line 3)",
                e.getMessage());
    }

    @Test
    void listsAreNeverCreatedOrGrown() {
        EditException e = refused("routers: [a]\n", List.of("routers", 3), "x");
        assertEquals(
                "cannot set routers[3] in v.yaml: routers is a list of 1 item, with no item 3 (line 1)",
                e.getMessage());
        e = refused("controller:\n  registration_mode: enabled\n", List.of("controller", 0), "x");
        assertEquals(
                "cannot set controller[0] in v.yaml: controller is not a list with an item 0 (line 2)", e.getMessage());
        e = refused("a: 1\n", List.of("b", 0), "x");
        assertEquals("cannot set b[0] in v.yaml: b does not exist, and lists are never created", e.getMessage());
    }

    // ---- values shared through anchors ----

    @Test
    void aSharedScalarIsNotEdited() {
        assertRegistrationModeRefused(
                "controller:\n  registration_mode: &m enabled\nother:\n  mode: *m\n",
                "controller.registration_mode is anchored as &m (line 2) and aliases elsewhere share it, so a change"
                        + " would reach them too" + BY_HAND);
    }

    @Test
    void aSharedMappingIsNotEdited() {
        assertRegistrationModeRefused(
                "controller: &c\n  registration_mode: enabled\nother: *c\n",
                "controller is anchored as &c (line 1) and aliases elsewhere share it, so a change would reach them too"
                        + BY_HAND);
    }

    @Test
    void aSharedNullIsNotReplacedByAMapping() {
        assertRegistrationModeRefused(
                "controller: &c ~\nother: *c\n",
                "controller is anchored as &c (line 1) and aliases elsewhere share it, so a change would reach them too"
                        + BY_HAND);
    }

    @Test
    void aKeyBelowAnAliasedMappingThatTheMappingHasIsNotReached() {
        // `controller: *defaults` can become `<<: *defaults` plus keys of controller's own, but merging is
        // shallow: pods would have to be repeated whole to change one key in it.
        EditException e = refused(
                "defaults: &defaults\n  pods: {replicas: 1}\ncontroller: *defaults\n",
                List.of("controller", "pods", "replicas"),
                "2");
        assertEquals(
                "cannot set controller.pods.replicas in v.yaml: controller is an alias (*defaults, line 3) of a"
                        + " mapping shared with other places, whose pods cannot be changed in place; merging it (<<) is"
                        + " shallow, so a key below pods would need all of it repeated; set controller.pods.replicas to 2 by"
                        + " hand",
                e.getMessage());
    }

    @Test
    void anAliasedListItemIsNotExtended() {
        EditException e = refused("a: &a {x: 1}\nrouters: [*a]\n", List.of("routers", 0, "x"), "y");
        assertEquals(
                "cannot set routers[0].x in v.yaml: routers[0] is an alias (*a, line 2) of a node shared with"
                        + " other places; set routers[0].x to y by hand",
                e.getMessage());
    }

    // ---- merge keys ----

    @Test
    void aKeyBelowAMergedMappingIsNotReached() {
        EditException e = refused(
                "defaults: &defaults\n  pods: {replicas: 1}\ncontroller:\n  <<: *defaults\n",
                List.of("controller", "pods", "replicas"),
                "2");
        assertEquals(
                "cannot set controller.pods.replicas in v.yaml: controller.pods comes whole from the merge key"
                        + " (<<) at line 4, which is shallow: a key below it cannot be set without repeating all of it; set"
                        + " controller.pods.replicas to 2 by hand",
                e.getMessage());
    }

    @Test
    void aKeyThatALaterMergeKeyOverridesIsNotSet() {
        // Go yaml v2 (Helm) applies a merge key where it stands: a later one overrides the key before it.
        assertRegistrationModeRefused(
                "defaults: &defaults\n  registration_mode: enabled\ncontroller:\n"
                        + "  registration_mode: disabled\n  <<: *defaults\n",
                "controller.registration_mode is set at line 4, but the merge key (<<) at line 5 comes after it and"
                        + " overrides it (Helm applies merge keys in order)" + BY_HAND);
    }

    // ---- tags ----

    @Test
    void aCustomTagIsNotRewritten() {
        String why = ", a tag the fixer does not rewrite (only !!str, !!bool, !!int, !!float and !!null are dropped in"
                + " favour of the style the new value needs)" + BY_HAND;
        assertRegistrationModeRefused(
                "controller:\n  registration_mode: !custom enabled\n",
                "controller.registration_mode is tagged !custom (line 2)" + why);
        assertRegistrationModeRefused(
                "%TAG !e! tag:example.com,2000:\n---\ncontroller:\n  registration_mode: !e!mode" + " enabled\n",
                "controller.registration_mode is tagged !e!mode (line 4)" + why);
        assertRegistrationModeRefused(
                "controller:\n  registration_mode: !<tag:example.com,2000:mode> enabled\n",
                "controller.registration_mode is tagged !<tag:example.com,2000:mode> (line 2)" + why);
        assertRegistrationModeRefused(
                "controller:\n  registration_mode: !!binary ZW5hYmxlZA==\n",
                "controller.registration_mode is tagged !!binary (line 2)" + why);
        assertRegistrationModeRefused(
                "controller:\n  registration_mode: !!timestamp 2001-12-14\n",
                "controller.registration_mode is tagged !!timestamp (line 2)" + why);
    }

    @Test
    void aCollectionWithACustomTagIsNotEditedBelow() {
        String why = ", a tag the fixer does not edit below (only !!map and !!seq are)" + BY_HAND;
        assertRegistrationModeRefused(
                "controller: !!set {registration_mode}\n", "controller is tagged !!set (line 1)" + why);
        assertRegistrationModeRefused(
                "controller: !vault\n  registration_mode: enabled\n", "controller is tagged !vault (line 1)" + why);
        assertRegistrationModeRefused("--- !values\ncontroller: {}\n", "the document is tagged !values (line 1)" + why);
    }

    // ---- flow and explicit keys ----

    @Test
    void aSinglePairMappingInAFlowSequenceTakesNoSecondKey() {
        EditException e = refused("routers: [name: a]\n", List.of("routers", 0, "replicas"), "2");
        assertEquals(
                "cannot set routers[0].replicas in v.yaml: routers[0] is a single-pair mapping written inside a"
                        + " flow sequence ([key: value], line 1), which cannot take a second key in place; set"
                        + " routers[0].replicas to 2 by hand",
                e.getMessage());
    }

    @Test
    void aMappingThatStartsWithAnEmptyKeyTakesNoKey() {
        assertRegistrationModeRefused("? \n: empty\n", "the document starts with an empty key (line 1)" + BY_HAND);
    }

    @Test
    void aNullWithACommentInsideItsPropertiesIsNotReplacedByAMapping() {
        assertRegistrationModeRefused(
                "controller: &c # note\n  !!null\n",
                "controller has a comment between its anchor or tag and its value (line 1)" + BY_HAND);
        assertRegistrationModeRefused(
                "--- &c # note\n  !!null\n",
                "the document is a null with a comment between its anchor or tag and its value (line 1)" + BY_HAND);
    }

    // ---- documents ----

    @Test
    void aDocumentThatDoesNotExistIsNotCreated() {
        EditException e = refused(2, "a: 1\n", List.of("controller", "registration_mode"), "admin_only");
        assertEquals(
                "cannot set controller.registration_mode in v.yaml: document 3 does not exist: the file holds 1"
                        + " YAML document",
                e.getMessage());
        e = refused(1, "# nothing\n", List.of("controller", "registration_mode"), "admin_only");
        assertEquals(
                "cannot set controller.registration_mode in v.yaml: document 2 does not exist: the file holds no"
                        + " YAML document",
                e.getMessage());
    }

    @Test
    void unparsableTextIsRefused() {
        EditException e = refused("a: [\n", List.of("a"), "1");
        assertTrue(e.getMessage().startsWith("cannot be edited: v.yaml:"), e.getMessage());
    }

    /**
     * The proof's own refusals are for bugs only: they say so, name the file and the line of the text
     * as it was, and never the parser's positions in text that was never written.
     */
    @Test
    void theProofNamesTheLineOfTheOriginalOnly() throws Exception {
        SourceFile file = SourceFile.ofText("v.yaml", "global: {}\ncontroller:\n  registration_mode: enabled\n");
        YamlEditor editor = new YamlEditor(YamlLimits.DEFAULTS);
        List<dev.workflowguard.yaml.YamlDocument> before =
                new dev.workflowguard.yaml.YamlLoader(YamlLimits.DEFAULTS).loadAll(file);
        Edit edit = Edit.values(List.of("controller", "registration_mode"), "admin_only", false);
        EditException unparsable = assertThrows(
                EditException.class,
                () -> editor.verify(
                        file, before, "global: {}\ncontroller:\n  registration_mode: [admin_only\n", edit, 3));
        assertEquals(
                "internal error: setting controller.registration_mode in v.yaml at line 3 was refused because the"
                        + " edited text would not parse again; nothing was written to it (please report this)",
                unparsable.getMessage());
        EditException wrong = assertThrows(
                EditException.class,
                () -> editor.verify(file, before, "global: {}\ncontroller:\n  registration_mode: disabled\n", edit, 3));
        assertEquals(
                "internal error: setting controller.registration_mode in v.yaml at line 3 was refused because the"
                        + " document would not read back as intended; nothing was written to it (please report this)",
                wrong.getMessage());
        EditException duplicate = assertThrows(
                EditException.class,
                () -> editor.verify(
                        file,
                        before,
                        "global: {}\ncontroller:\n  registration_mode: x\n  registration_mode: admin_only\n",
                        edit,
                        3));
        assertEquals(
                "internal error: setting controller.registration_mode in v.yaml at line 3 was refused because a"
                        + " duplicate key would appear; nothing was written to it (please report this)",
                duplicate.getMessage());
    }

    /** No refusal here is the editor's proof failing: each was found in the plan, before any splice. */
    @Test
    void noRefusalIsAnInternalError() {
        for (String text :
                new String[] {"controller: !custom {}\n", "controller: &c {}\nx: *c\n", "- a\n", "controller: [a: 1]\n"
                }) {
            EditException e = refused(text, List.of("controller", "registration_mode"), "admin_only");
            assertTrue(
                    !e.getMessage().contains("internal error") && e.getMessage().startsWith("cannot set "),
                    e.getMessage());
        }
    }
}
