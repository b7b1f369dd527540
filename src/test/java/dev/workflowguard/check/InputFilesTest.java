package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a configured manifest folder expands to, in which order. */
class InputFilesTest {

    @TempDir
    Path base;

    private List<String> expand(String configured) throws InputException {
        InputFiles inputs = new InputFiles(base);
        List<String> names = new ArrayList<>();
        for (Path file : inputs.manifestFiles(configured)) {
            names.add(inputs.displayName(file));
        }
        return names;
    }

    private void write(String name) throws IOException {
        Path file = base.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "kind: ConfigMap\n");
    }

    @Test
    void everyYamlFileUnderTheFolderSortedByPath() throws Exception {
        write("clusters/b/workflow.yaml");
        write("clusters/a/workflow.yml");
        write("clusters/a/nested/deeper/z.YAML");
        write("clusters/a/README.md");
        write("clusters/a/values.json");
        write("clusters/top.yaml");

        assertEquals(
                List.of(
                        "clusters/a/nested/deeper/z.YAML",
                        "clusters/a/workflow.yml",
                        "clusters/b/workflow.yaml",
                        "clusters/top.yaml"),
                expand("clusters"));
    }

    @Test
    void linksToFilesAreReadAndLinksToFoldersAreNotFollowed() throws Exception {
        write("elsewhere/linked.yaml");
        write("elsewhere/folder/inside.yaml");
        write("clusters/own.yaml");
        Files.createSymbolicLink(base.resolve("clusters/link.yaml"), base.resolve("elsewhere/linked.yaml"));
        Files.createSymbolicLink(base.resolve("clusters/folder-link"), base.resolve("elsewhere/folder"));
        Files.createSymbolicLink(base.resolve("clusters/loop"), base.resolve("clusters"));
        Files.createSymbolicLink(base.resolve("clusters/dangling.yaml"), base.resolve("nowhere.yaml"));

        assertEquals(List.of("clusters/link.yaml", "clusters/own.yaml"), expand("clusters"));
    }

    @Test
    void aConfiguredLinkToAFolderIsFollowedAndItsFilesAreNamedUnderTheLink() throws Exception {
        write("renders/2024/workflow.yaml");
        write("renders/2024/nested/router.yml");
        Files.createSymbolicLink(base.resolve("rendered"), base.resolve("renders/2024"));

        assertEquals(List.of("rendered/nested/router.yml", "rendered/workflow.yaml"), expand("rendered"));
    }

    @Test
    void aConfiguredLinkToAFolderOutsideTheProjectIsFollowed() throws Exception {
        Path outside = Files.createTempDirectory("workflow-guard-outside");
        try {
            Files.writeString(outside.resolve("workflow.yaml"), "kind: ConfigMap\n");
            Files.createSymbolicLink(base.resolve("rendered"), outside);

            assertEquals(List.of("rendered/workflow.yaml"), expand("rendered"));
        } finally {
            Files.delete(outside.resolve("workflow.yaml"));
            Files.delete(outside);
        }
    }

    @Test
    void aFolderWhoseOnlyYamlIsBehindLinksToFoldersSaysTheLinksWereSkipped() throws Exception {
        write("elsewhere/a/workflow.yaml");
        write("elsewhere/b/workflow.yaml");
        Files.createDirectories(base.resolve("clusters"));
        Files.createSymbolicLink(base.resolve("clusters/b"), base.resolve("elsewhere/b"));
        Files.createSymbolicLink(base.resolve("clusters/a"), base.resolve("elsewhere/a"));

        InputException error = assertThrows(InputException.class, () -> expand("clusters"));
        assertEquals(
                "clusters holds no .yaml or .yml files (2 symbolic links to folders were skipped: clusters/a, "
                        + "clusters/b; links inside a manifests folder are not followed to folders: configure such a folder "
                        + "in <manifests> itself) [parameter manifests / workflow.manifests]",
                error.getMessage());
    }

    @Test
    void aSingleFileIsItself() throws Exception {
        write("render.txt");

        assertEquals(List.of("render.txt"), expand("render.txt"));
    }

    @Test
    void aFolderWithoutYamlIsAnErrorNamingIt() throws Exception {
        write("clusters/notes.md");

        InputException error = assertThrows(InputException.class, () -> expand("clusters"));
        assertEquals(
                "clusters holds no .yaml or .yml files [parameter manifests / workflow.manifests]", error.getMessage());
        assertEquals(Parameters.MANIFESTS, error.parameter());
    }
}
