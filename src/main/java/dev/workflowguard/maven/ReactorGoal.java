package dev.workflowguard.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * Runs a goal typed on the command line at the root of a multi-module build ({@code mvn workflow:check}) for every
 * module that declares the plugin, as {@code mvn checkstyle:check} would.
 *
 * <p>Why this is needed: the goals run without a project ({@code requiresProject = false}, so that they work in a
 * folder without a POM), and Maven runs such a goal typed on the command line once, at the top-level project, like an
 * aggregator. That one execution therefore goes through the modules itself: in reactor order (which already honours
 * {@code -pl}, {@code -am}, {@code -rf}), several at a time under {@code -T}, and with the reactor's failure
 * behaviour: fail-fast stops at the first failing module, {@code -fae} runs every module and then fails naming the
 * failed ones, {@code -fn} only logs.
 */
final class ReactorGoal {

    /** Runs the goal for one module and returns the outcome word the run left (e.g. "skipped"), or null. */
    @FunctionalInterface
    interface ModuleGoal {
        String run(MavenProject module, String label) throws Exception;
    }

    /** How the goal ended for one module: a word for the summary, and the exception if it failed. */
    record Outcome(String label, String word, Exception failure) {}

    static final String FAILED = "failed";
    static final String NOT_RUN = "not run";

    private final String goal;
    private final String doneWord;
    private final String groupId;
    private final String artifactId;
    private final Log log;

    /**
     * @param goal the goal as users type it, {@code workflow:check}
     * @param doneWord the summary's word for a module where the goal succeeded ("passed")
     * @param log the log of the execution at the root (module lines get the module's label in front)
     */
    ReactorGoal(String goal, String doneWord, String groupId, String artifactId, Log log) {
        this.goal = goal;
        this.doneWord = doneWord;
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.log = log;
    }

    /**
     * Runs the goal for each project that declares the plugin in its {@code <build><plugins>} (directly or
     * inherited); a project that only manages it, typically the parent and aggregator, is not a user of it.
     *
     * @param projects the reactor's projects, in build order
     * @param root the project Maven runs the goal at
     * @param failureBehavior {@link MavenExecutionRequest#getReactorFailureBehavior()}
     * @param threads how many modules may run at once ({@code -T})
     * @return false, having run nothing, when no project declares the plugin: the goal then runs for the root alone
     */
    boolean run(
            List<MavenProject> projects, MavenProject root, String failureBehavior, int threads, ModuleGoal moduleGoal)
            throws MojoExecutionException, MojoFailureException {
        Map<MavenProject, String> labels = labels(projects);
        String rootLabel = labels.getOrDefault(root, root.getArtifactId());
        List<MavenProject> users =
                projects.stream().filter(p -> declared(p.getBuildPlugins())).toList();
        if (users.isEmpty()) {
            log.info("workflow-guard: no module of this build declares " + artifactId + " in <build><plugins>; " + goal
                    + " runs for " + rootLabel + " alone, as in a single-module build.");
            return false;
        }
        int parallel = Math.max(1, Math.min(threads, users.size()));
        List<String> elsewhere =
                users.stream().filter(m -> m != root).map(labels::get).toList();
        String skipped = elsewhere.isEmpty()
                ? ""
                : " Maven's reactor summary lists "
                        + (elsewhere.size() == users.size() ? "them" : String.join(", ", elsewhere))
                        + " as SKIPPED because " + (elsewhere.size() == 1 ? "it is" : "they are")
                        + " handled within this execution, at " + rootLabel + ".";
        log.info("workflow-guard: " + goal + " runs for each module that declares the plugin: "
                + users.stream().map(labels::get).collect(Collectors.joining(", "))
                + (parallel > 1 ? " (" + parallel + " at a time)" : "") + "." + skipped);
        for (MavenProject other : projects) {
            if (!users.contains(other)) {
                log.info("workflow-guard: " + goal + " does not run for " + labels.get(other) + ": "
                        + (managed(other)
                                ? "it manages the plugin in <pluginManagement> but does not declare it in <build><plugins>."
                                : "it does not use the plugin."));
            }
        }
        boolean failFast = !MavenExecutionRequest.REACTOR_FAIL_AT_END.equals(failureBehavior)
                && !MavenExecutionRequest.REACTOR_FAIL_NEVER.equals(failureBehavior);
        AtomicBoolean stop = new AtomicBoolean();
        Function<MavenProject, Outcome> runOne = m -> runOne(m, labels.get(m), moduleGoal, stop, failFast);
        List<Outcome> outcomes =
                parallel == 1 ? users.stream().map(runOne).toList() : inParallel(users, parallel, runOne);
        return conclude(outcomes, failureBehavior);
    }

    private Outcome runOne(
            MavenProject module, String label, ModuleGoal moduleGoal, AtomicBoolean stop, boolean failFast) {
        if (stop.get()) {
            return new Outcome(label, NOT_RUN, null);
        }
        try {
            String word = moduleGoal.run(module, label);
            return new Outcome(label, word == null ? doneWord : word, null);
        } catch (Exception e) {
            if (failFast) {
                stop.set(true);
            }
            // Maven prints the failure of the execution it ran, not of the modules' runs: say it next to their lines.
            new ConsoleLog(label, log).error(message(e));
            return new Outcome(label, FAILED, e);
        }
    }

    /** Runs the modules on their own threads, {@code parallel} at a time; the outcomes come back in reactor order. */
    private List<Outcome> inParallel(List<MavenProject> modules, int parallel, Function<MavenProject, Outcome> runOne)
            throws MojoExecutionException {
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, task -> {
            String name = "workflow-guard-" + goal.replace(':', '-') + "-" + number.incrementAndGet();
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Outcome>> futures = modules.stream()
                    .map(m -> pool.submit(() -> runOne.apply(m)))
                    .toList();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("workflow-guard: " + goal + " was interrupted");
        } catch (ExecutionException e) {
            // runOne catches every exception; what is left is an Error (out of memory…), which must not be hidden.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private boolean conclude(List<Outcome> outcomes, String failureBehavior)
            throws MojoExecutionException, MojoFailureException {
        List<Outcome> failed =
                outcomes.stream().filter(o -> o.failure() != null).toList();
        List<String> notRun = outcomes.stream()
                .filter(o -> o.word().equals(NOT_RUN))
                .map(Outcome::label)
                .toList();
        if (!notRun.isEmpty()) {
            log.error("workflow-guard: " + goal + " did not run for " + String.join(", ", notRun) + ": the build stops "
                    + "at the first failing module (with -fae, --fail-at-end, every module runs).");
        }
        String summary = "workflow-guard: " + goal + ": "
                + outcomes.stream().map(o -> o.label() + " " + o.word()).collect(Collectors.joining(", ")) + ".";
        if (failed.isEmpty()) {
            log.info(summary);
            return true;
        }
        log.error(summary);
        if (MavenExecutionRequest.REACTOR_FAIL_NEVER.equals(failureBehavior)) {
            return true;
        }
        String message = "workflow-guard: " + goal + " failed for " + failed.size() + " of " + outcomes.size()
                + (outcomes.size() == 1 ? " module: " : " modules: ")
                + failed.stream()
                        .map(o -> o.label() + ": " + withoutToolName(message(o.failure())))
                        .collect(Collectors.joining(" "));
        if (failed.stream().allMatch(o -> o.failure() instanceof MojoFailureException)) {
            throw new MojoFailureException(message);
        }
        throw new MojoExecutionException(message);
    }

    private static String message(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String withoutToolName(String message) {
        return message.startsWith("workflow-guard: ") ? message.substring("workflow-guard: ".length()) : message;
    }

    private boolean declared(List<Plugin> plugins) {
        return plugins != null
                && plugins.stream()
                        .anyMatch(p -> artifactId.equals(p.getArtifactId()) && groupId.equals(p.getGroupId()));
    }

    private boolean managed(MavenProject project) {
        return project.getPluginManagement() != null
                && declared(project.getPluginManagement().getPlugins());
    }

    /** Each project's label in log lines: its artifactId, or groupId:artifactId where two projects share one. */
    static Map<MavenProject, String> labels(List<MavenProject> projects) {
        Map<String, Long> counts =
                projects.stream().collect(Collectors.groupingBy(MavenProject::getArtifactId, Collectors.counting()));
        Map<MavenProject, String> labels = new LinkedHashMap<>();
        for (MavenProject project : projects) {
            labels.put(
                    project,
                    counts.get(project.getArtifactId()) > 1
                            ? project.getGroupId() + ":" + project.getArtifactId()
                            : project.getArtifactId());
        }
        return labels;
    }
}
