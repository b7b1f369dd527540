package dev.workflowguard.maven;

import dev.workflowguard.render.HelmLibrary;
import dev.workflowguard.render.RenderException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * helm-java resolved by Maven, as a plugin dependency would be (same repositories, mirrors, proxies,
 * offline mode and local repository), but only when a chart is rendered: its native library is
 * ~30 MB, and resolving it costs every build time even when it stays unused.
 */
final class ResolvedHelmLibrary implements HelmLibrary {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final Log log;
    private List<Path> jars;

    ResolvedHelmLibrary(
            RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories, Log log) {
        this.system = system;
        this.session = session;
        this.repositories = repositories == null ? List.of() : List.copyOf(repositories);
        this.log = log;
    }

    @Override
    public synchronized List<Path> jars() throws RenderException {
        if (jars == null) {
            jars = resolve();
        }
        return jars;
    }

    private List<Path> resolve() throws RenderException {
        String coordinates = HelmLibrary.coordinates();
        log.debug("workflow-guard: resolving " + coordinates + " to render the chart");
        Artifact helm = new DefaultArtifact(coordinates);
        CollectRequest collect = new CollectRequest(new Dependency(helm, "runtime"), repositories);
        List<Path> resolved = new ArrayList<>();
        try {
            for (ArtifactResult result : system.resolveDependencies(session, new DependencyRequest(collect, null))
                    .getArtifactResults()) {
                File file = result.getArtifact() == null
                        ? null
                        : result.getArtifact().getFile();
                if (file != null) {
                    resolved.add(file.toPath());
                }
            }
        } catch (DependencyResolutionException | RuntimeException e) {
            throw new RenderException("cannot resolve Helm's Java library " + coordinates + " (and its native "
                    + "library for this platform) to render the chart: " + firstLine(e.getMessage())
                    + (session.isOffline()
                            ? "; the build is offline: run it once online, or fetch it with "
                                    + "`mvn dependency:get -Dartifact=" + coordinates + "`"
                            : ""));
        }
        log.debug("workflow-guard: Helm loaded from " + resolved);
        return resolved;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
