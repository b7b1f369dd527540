package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.model.Build;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginManagement;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/**
 * A goal typed at the root of a multi-module build runs for each module that declares the plugin, in reactor order,
 * with Maven's failure behaviours (fail-fast, -fae, -fn) and -T; what it logs and how it fails.
 */
class ReactorGoalTest {

    private static final String FAST = MavenExecutionRequest.REACTOR_FAIL_FAST;
    private static final String AT_END = MavenExecutionRequest.REACTOR_FAIL_AT_END;
    private static final String NEVER = MavenExecutionRequest.REACTOR_FAIL_NEVER;

    private final CapturingLog captured = new CapturingLog();
    /** The log the goal writes to, from several threads under -T. */
    private final Log log = (Log) Proxy.newProxyInstance(
            Log.class.getClassLoader(), new Class<?>[] {Log.class}, (proxy, method, arguments) -> {
                synchronized (captured) {
                    try {
                        return method.invoke(captured, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            });

    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    private List<String> lines() {
        synchronized (captured) {
            return List.copyOf(captured.lines);
        }
    }

    private static Plugin plugin() {
        Plugin plugin = new Plugin();
        plugin.setGroupId("dev.workflowguard");
        plugin.setArtifactId("workflow-maven-plugin");
        return plugin;
    }

    /** A project that declares the plugin in its build plugins. */
    private static MavenProject user(String artifactId) {
        MavenProject project = project("it", artifactId);
        project.getBuild().addPlugin(plugin());
        return project;
    }

    private static MavenProject project(String groupId, String artifactId) {
        MavenProject project = new MavenProject();
        project.setGroupId(groupId);
        project.setArtifactId(artifactId);
        project.setVersion("1");
        project.getModel().setBuild(new Build());
        Plugin other = new Plugin();
        other.setArtifactId("maven-install-plugin");
        project.getBuild().addPlugin(other);
        return project;
    }

    /** A parent and aggregator that configures the plugin in pluginManagement only. */
    private static MavenProject manager(String artifactId) {
        MavenProject project = project("it", artifactId);
        PluginManagement management = new PluginManagement();
        management.addPlugin(plugin());
        project.getBuild().setPluginManagement(management);
        return project;
    }

    private ReactorGoal goal() {
        return new ReactorGoal("workflow:check", "passed", "dev.workflowguard", "workflow-maven-plugin", log);
    }

    /** Records each module run; fails those named in {@code failing} with a finding failure. */
    private ReactorGoal.ModuleGoal recording(String... failing) {
        return (module, label) -> {
            ran.add(label);
            if (List.of(failing).contains(label)) {
                throw new MojoFailureException("workflow-guard: 2 findings at or above error: grafana-signup (2). "
                        + "See the lines above and target/workflow/report.json.");
            }
            return null;
        };
    }

    @Test
    void runsForEachModuleThatDeclaresThePluginAndSaysWhyTheOthersAreNotRun() throws Exception {
        MavenProject root = manager("clusters");
        List<MavenProject> reactor = List.of(root, user("cluster-us"), project("it", "docs"), user("cluster-eu"));

        assertTrue(goal().run(reactor, root, FAST, 1, recording()));

        assertEquals(List.of("cluster-us", "cluster-eu"), ran);
        assertEquals(
                List.of(
                        "[INFO] workflow-guard: workflow:check runs for each module that declares the plugin: cluster-us, "
                                + "cluster-eu. Maven's reactor summary lists them as SKIPPED because they are handled within this "
                                + "execution, at clusters.",
                        "[INFO] workflow-guard: workflow:check does not run for clusters: it manages the plugin in "
                                + "<pluginManagement> but does not declare it in <build><plugins>.",
                        "[INFO] workflow-guard: workflow:check does not run for docs: it does not use the plugin.",
                        "[INFO] workflow-guard: workflow:check: cluster-us passed, cluster-eu passed."),
                lines());
    }

    @Test
    void aRootThatDeclaresThePluginRunsAsAModuleAndIsNotListedAsSkipped() throws Exception {
        MavenProject root = user("cluster-us");
        List<MavenProject> reactor = List.of(root, user("cluster-ap"));

        assertTrue(goal().run(reactor, root, FAST, 1, recording()));

        assertEquals(List.of("cluster-us", "cluster-ap"), ran);
        assertEquals(
                "[INFO] workflow-guard: workflow:check runs for each module that declares the plugin: cluster-us, "
                        + "cluster-ap. Maven's reactor summary lists cluster-ap as SKIPPED because it is handled within this "
                        + "execution, at cluster-us.",
                lines().get(0));
    }

    @Test
    void failFastStopsAtTheFirstFailingModuleAndNamesTheModulesNotRun() {
        MavenProject root = manager("clusters");
        List<MavenProject> reactor = List.of(root, user("a"), user("b"), user("c"), user("d"));

        MojoFailureException failure =
                assertThrows(MojoFailureException.class, () -> goal().run(reactor, root, FAST, 1, recording("b")));

        assertEquals(List.of("a", "b"), ran);
        assertEquals(
                "workflow-guard: workflow:check failed for 1 of 4 modules: b: 2 findings at or above error: "
                        + "grafana-signup (2). See the lines above and target/workflow/report.json.",
                failure.getMessage());
        List<String> lines = lines();
        assertTrue(
                lines.contains("[ERROR] [b] workflow-guard: 2 findings at or above error: grafana-signup (2). See "
                        + "the lines above and target/workflow/report.json."),
                String.join("\n", lines));
        assertEquals(
                List.of(
                        "[ERROR] workflow-guard: workflow:check did not run for c, d: the build stops at the first failing module "
                                + "(with -fae, --fail-at-end, every module runs).",
                        "[ERROR] workflow-guard: workflow:check: a passed, b failed, c not run, d not run."),
                lines.subList(lines.size() - 2, lines.size()));
    }

    @Test
    void failAtEndRunsEveryModuleThenFailsNamingEachFailedOne() {
        MavenProject root = manager("clusters");
        List<MavenProject> reactor = List.of(root, user("a"), user("b"), user("c"));

        MojoFailureException failure = assertThrows(
                MojoFailureException.class, () -> goal().run(reactor, root, AT_END, 1, recording("a", "c")));

        assertEquals(List.of("a", "b", "c"), ran);
        assertTrue(
                failure.getMessage()
                        .startsWith("workflow-guard: workflow:check failed for 2 of 3 modules: a: 2 "
                                + "findings at or above error"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains(" c: 2 findings at or above error"), failure.getMessage());
        assertFalse(lines().stream().anyMatch(l -> l.contains("did not run")), String.join("\n", lines()));
        assertEquals(
                "[ERROR] workflow-guard: workflow:check: a failed, b passed, c failed.",
                lines().get(lines().size() - 1));
    }

    @Test
    void aConfigurationErrorInAModuleIsAnExecutionErrorOfTheBuild() {
        MavenProject root = manager("clusters");
        List<MavenProject> reactor = List.of(root, user("a"), user("b"));
        ReactorGoal.ModuleGoal goal = (module, label) -> {
            if (label.equals("a")) {
                throw new MojoExecutionException("values/base.yaml does not exist (valuesFiles / workflow.values)");
            }
            throw new MojoFailureException("workflow-guard: 1 finding at or above error: open-registration (1).");
        };

        MojoExecutionException error =
                assertThrows(MojoExecutionException.class, () -> goal().run(reactor, root, AT_END, 1, goal));

        assertEquals(
                "workflow-guard: workflow:check failed for 2 of 2 modules: a: values/base.yaml does not exist "
                        + "(valuesFiles / workflow.values) b: 1 finding at or above error: open-registration (1).",
                error.getMessage());
        assertTrue(
                lines().contains("[ERROR] [a] values/base.yaml does not exist (valuesFiles / workflow.values)"),
                String.join("\n", lines()));
    }

    @Test
    void failNeverRunsEveryModuleAndOnlyLogs() throws Exception {
        MavenProject root = manager("clusters");
        List<MavenProject> reactor = List.of(root, user("a"), user("b"));

        assertTrue(goal().run(reactor, root, NEVER, 1, recording("a")));

        assertEquals(List.of("a", "b"), ran);
        assertEquals("[ERROR] workflow-guard: workflow:check: a failed, b passed.", lines().get(lines().size() - 1));
    }

    @Test
    void withThreadsModulesRunAtTheSameTimeAndTheSummaryKeepsReactorOrder() throws Exception {
        MavenProject root = manager("clusters");
        List<MavenProject> reactor = List.of(root, user("a"), user("b"), user("c"));
        // a and b can only both pass the barrier if they run at the same time.
        CyclicBarrier together = new CyclicBarrier(2);
        Map<String, String> threads = new ConcurrentHashMap<>();
        ReactorGoal.ModuleGoal goal = (module, label) -> {
            threads.put(label, Thread.currentThread().getName());
            if (!label.equals("c")) {
                together.await(60, TimeUnit.SECONDS);
            }
            if (label.equals("b")) {
                throw new MojoFailureException("workflow-guard: 1 finding at or above error: single-router (1).");
            }
            return label.equals("c") ? "skipped" : null;
        };

        MojoFailureException failure =
                assertThrows(MojoFailureException.class, () -> goal().run(reactor, root, AT_END, 2, goal));

        assertEquals(
                "workflow-guard: workflow:check failed for 1 of 3 modules: b: 1 finding at or above error: "
                        + "single-router (1).",
                failure.getMessage());
        assertTrue(lines().get(0).contains(": a, b, c (2 at a time)."), lines().get(0));
        assertEquals(
                "[ERROR] workflow-guard: workflow:check: a passed, b failed, c skipped.",
                lines().get(lines().size() - 1));
        assertTrue(
                threads.values().stream().allMatch(t -> t.startsWith("workflow-guard-workflow-check-")),
                threads.toString());
    }

    @Test
    void failFastWithThreadsStartsNoModuleAfterAFailure() {
        MavenProject root = manager("clusters");
        List<MavenProject> reactor = List.of(root, user("a"), user("b"), user("c"));
        // a fails once b has started; b ends only once a's failure is logged, which is after the build was told to
        // stop: c, which waits for a free thread, then never starts.
        ReactorGoal.ModuleGoal goal = (module, label) -> {
            ran.add(label);
            if (label.equals("a")) {
                awaitOrTimeOut(() -> ran.contains("b"));
                throw new MojoFailureException("workflow-guard: 1 finding at or above error: single-router (1).");
            }
            awaitOrTimeOut(() -> lines().stream().anyMatch(l -> l.startsWith("[ERROR] [a] ")));
            return null;
        };

        assertThrows(MojoFailureException.class, () -> goal().run(reactor, root, FAST, 2, goal));

        assertEquals(List.of("a", "b"), ran.stream().sorted().toList());
        assertEquals(
                "[ERROR] workflow-guard: workflow:check: a failed, b passed, c not run.",
                lines().get(lines().size() - 1));
    }

    /** Waits for the condition, at most a minute (far more than a busy machine needs). */
    private static void awaitOrTimeOut(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(1);
        }
    }

    @Test
    void withNoModuleDeclaringThePluginItRunsNothingAndSaysTheRootRunsAlone() throws Exception {
        MavenProject root = manager("clusters");
        List<MavenProject> reactor = List.of(root, project("it", "lib"));

        assertFalse(goal().run(reactor, root, FAST, 1, recording()));

        assertEquals(List.of(), ran);
        assertEquals(
                List.of("[INFO] workflow-guard: no module of this build declares workflow-maven-plugin in "
                        + "<build><plugins>; workflow:check runs for clusters alone, as in a single-module build."),
                lines());
    }

    @Test
    void modulesThatShareAnArtifactIdAreLabelledWithTheirGroupId() {
        MavenProject a = project("eu", "cluster");
        MavenProject b = project("us", "cluster");
        MavenProject c = project("us", "docs");
        assertEquals(
                List.of("eu:cluster", "us:cluster", "docs"),
                List.copyOf(ReactorGoal.labels(List.of(a, b, c)).values()));
    }
}
