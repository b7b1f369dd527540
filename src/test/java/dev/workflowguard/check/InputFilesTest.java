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

        assertEquals(List.of("clusters/a/nested/deeper/z.YAML", "clusters/a/workflow.yml", "clusters/b/workflow.yaml",
                "clusters/top.yaml"), expand("clusters"));
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
    void aSingleFileIsItself() throws Exception {
        write("render.txt");

        assertEquals(List.of("render.txt"), expand("render.txt"));
    }

    @Test
    void aFolderWithoutYamlIsAnErrorNamingIt() throws Exception {
        write("clusters/notes.md");

        InputException error = assertThrows(InputException.class, () -> expand("clusters"));
        assertEquals("clusters holds no .yaml or .yml files [parameter manifests / workflow.manifests]",
                error.getMessage());
        assertEquals(Parameters.MANIFESTS, error.parameter());
    }
}
