package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two check executions in one POM (staging and production values, say) keep their own reports and up-to-date
 * records; the default execution, and the only one of a POM, keep target/workflow.
 */
@MojoTest
@Basedir("/mojo/up-to-date-project")
class CheckExecutionsTest {

    private static Path target() {
        return Path.of("target", "test-classes", "mojo", "up-to-date-project", "target")
                .toAbsolutePath();
    }

    @BeforeEach
    void noEarlierOutput() throws Exception {
        if (Files.exists(target())) {
            try (Stream<Path> walk = Files.walk(target())) {
                walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** The project declares the plugin with these check executions; the mojo runs as the one named {@code id}. */
    private static void declare(CheckMojo mojo, String id, String... executions) {
        Plugin plugin = new Plugin();
        plugin.setGroupId("dev.workflowguard");
        plugin.setArtifactId("workflow-maven-plugin");
        for (String execution : executions) {
            PluginExecution pluginExecution = new PluginExecution();
            pluginExecution.setId(execution);
            pluginExecution.addGoal("check");
            plugin.addExecution(pluginExecution);
        }
        mojo.project.getBuild().addPlugin(plugin);
        mojo.mojoExecution = new MojoExecution(mojo.mojoExecution.getMojoDescriptor(), id);
        mojo.pluginBuild = "test build";
    }

    private static CapturingLog run(CheckMojo mojo) {
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);
        assertThrows(MojoFailureException.class, mojo::execute);
        return log;
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void anExecutionAmongSeveralWritesToItsOwnFolderAndSaysWhere(CheckMojo mojo) throws Exception {
        declare(mojo, "production", "staging", "production");
        CapturingLog first = run(mojo);
        assertEquals(
                "workflow-guard: execution production writes its reports to target/workflow/production (each "
                        + "check execution of this POM has its own folder)",
                first.at("INFO").get(0));
        assertTrue(Files.isRegularFile(target().resolve("workflow/production/report.json")));
        assertTrue(Files.isRegularFile(target().resolve("workflow/production/check-record.txt")));
        assertFalse(Files.exists(target().resolve("workflow/report.json")));

        // The other execution neither reads nor overwrites production's record.
        mojo.mojoExecution = new MojoExecution(mojo.mojoExecution.getMojoDescriptor(), "staging");
        CapturingLog staging = run(mojo);
        assertFalse(staging.all().contains("nothing changed"), staging.all());
        assertTrue(Files.isRegularFile(target().resolve("workflow/staging/report.json")));

        mojo.mojoExecution = new MojoExecution(mojo.mojoExecution.getMojoDescriptor(), "production");
        CapturingLog again = run(mojo);
        assertTrue(
                again.at("INFO")
                        .contains("workflow-guard: nothing changed since the last check; its outcome is "
                                + "repeated (target/workflow/production/check-record.txt; -Dworkflow.upToDateChecking=false checks "
                                + "again)"),
                again.all());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void theFailureNamesTheExecutionsReport(CheckMojo mojo) {
        declare(mojo, "staging", "staging", "production");
        mojo.setLog(new CapturingLog());
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(
                failure.getMessage().endsWith("See the lines above and target/workflow/staging/report.json."),
                failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void theDefaultExecutionsKeepTheDefaultFolder(CheckMojo mojo) {
        for (String id : List.of("default", "default-cli")) {
            declare(mojo, id, "default", "production");
            CapturingLog log = run(mojo);
            assertFalse(log.all().contains("writes its reports to"), log.all());
            assertTrue(Files.isRegularFile(target().resolve("workflow/report.json")), id);
            assertFalse(Files.exists(target().resolve("workflow/" + id)), id);
        }
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void theOnlyCheckExecutionOfAPomKeepsTheDefaultFolderWhateverItsId(CheckMojo mojo) {
        declare(mojo, "workflow-guard", "workflow-guard");
        run(mojo);
        assertTrue(Files.isRegularFile(target().resolve("workflow/report.json")));
        assertFalse(Files.exists(target().resolve("workflow/workflow-guard")));
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void anOutputDirectoryConfiguredInTheExecutionItselfIsUsedAsItIs(CheckMojo mojo) {
        declare(mojo, "production", "staging", "production");
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom folder = new Xpp3Dom("outputDirectory");
        folder.setValue("target/reports");
        configuration.addChild(folder);
        mojo.project
                .getBuild()
                .getPlugins()
                .get(mojo.project.getBuild().getPlugins().size() - 1)
                .getExecutions()
                .get(1)
                .setConfiguration(configuration);
        mojo.outputDirectory = target().resolve("reports").toFile();
        CapturingLog log = run(mojo);
        assertFalse(log.all().contains("writes its reports to"), log.all());
        assertTrue(Files.isRegularFile(target().resolve("reports/report.json")));
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void anOutputDirectoryConfiguredForThePluginIsSharedByItsExecutionsEachInAFolderOfItsOwn(CheckMojo mojo) {
        declare(mojo, "production", "staging", "production");
        mojo.outputDirectory = target().resolve("reports").toFile();
        CapturingLog log = run(mojo);
        assertEquals(
                "workflow-guard: execution production writes its reports to target/reports/production (each "
                        + "check execution of this POM has its own folder)",
                log.at("INFO").get(0));
        assertTrue(Files.isRegularFile(target().resolve("reports/production/report.json")));
        assertFalse(Files.exists(target().resolve("reports/report.json")));
    }

    @Test
    @InjectMojo(goal = "check", pom = "pom.xml")
    void anExecutionIdIsNeverAPathOutOfTheOutputFolder(CheckMojo mojo) {
        declare(mojo, "../prod ✓", "staging", "../prod ✓");
        assertEquals(".._prod__", mojo.executionFolder());
        run(mojo);
        assertTrue(Files.isRegularFile(target().resolve("workflow/.._prod__/report.json")));
        declare(mojo, "..", "staging", "..");
        assertEquals("__", mojo.executionFolder());
    }
}
