package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.render.HelmLibrary;
import dev.workflowguard.render.RenderException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Helm is resolved through Maven only when a chart is rendered, from the plugin repositories, once per
 * goal; it is not a dependency of the installed plugin.
 */
class ResolvedHelmLibraryTest {

    private static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2").build();

    private final List<DependencyRequest> requests = new ArrayList<>();

    @Test
    void thePluginDoesNotDependOnHelm() throws Exception {
        // The descriptor's dependency list: the two libraries the shaded jar carries, never Helm (the installed
        // POM names no dependency at all; IT plugin-artifact checks the artifact users get).
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            Document xml =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            NodeList ids = ((org.w3c.dom.Element)
                            xml.getElementsByTagName("dependencies").item(0))
                    .getElementsByTagName("artifactId");
            List<String> dependencies = new ArrayList<>();
            for (int i = 0; i < ids.getLength(); i++) {
                dependencies.add(ids.item(i).getTextContent());
            }
            assertEquals(List.of("snakeyaml", "jackson-core"), dependencies);
        }
    }

    @Test
    void helmIsResolvedOnceFromThePluginRepositoriesWhenFirstAskedFor() throws Exception {
        ResolvedHelmLibrary library = new ResolvedHelmLibrary(
                system(request -> {
                    DependencyResult result = new DependencyResult(request);
                    result.setArtifactResults(List.of(
                            resolved("helm-java", "/repo/helm-java.jar"),
                            resolved("linux-amd64", "/repo/linux-amd64.jar"),
                            resolved("jna-jpms", "/repo/jna.jar")));
                    return result;
                }),
                session(false),
                List.of(CENTRAL),
                new CapturingLog());
        assertTrue(requests.isEmpty(), "nothing is resolved before a chart is rendered");
        List<Path> jars = library.jars();
        assertEquals(
                List.of(Path.of("/repo/helm-java.jar"), Path.of("/repo/linux-amd64.jar"), Path.of("/repo/jna.jar")),
                jars);
        assertEquals(jars, library.jars());
        assertEquals(1, requests.size());
        DependencyRequest request = requests.get(0);
        assertEquals(
                HelmLibrary.coordinates(),
                request.getCollectRequest().getRoot().getArtifact().toString().replace(":jar:", ":"));
        assertEquals("runtime", request.getCollectRequest().getRoot().getScope());
        assertEquals(List.of(CENTRAL), request.getCollectRequest().getRepositories());
    }

    @Test
    void anOfflineBuildWithoutHelmSaysHowToFetchIt() {
        ResolvedHelmLibrary library = new ResolvedHelmLibrary(
                system(request -> {
                    throw new DependencyResolutionException(
                            new DependencyResult(request),
                            "Cannot access central in offline mode and the artifact com.marcnuri.helm-java:helm-java:jar:0.0.21 "
                                    + "has not been downloaded from it before.\nmore detail",
                            null);
                }),
                session(true),
                List.of(CENTRAL),
                new CapturingLog());
        RenderException e = assertThrows(RenderException.class, library::jars);
        assertEquals(
                "cannot resolve Helm's Java library " + HelmLibrary.coordinates() + " (and its native library "
                        + "for this platform) to render the chart: Cannot access central in offline mode and the artifact "
                        + "com.marcnuri.helm-java:helm-java:jar:0.0.21 has not been downloaded from it before.; the build is "
                        + "offline: run it once online, or fetch it with `mvn dependency:get -Dartifact="
                        + HelmLibrary.coordinates() + "`",
                e.getMessage());
        assertFalse(e.getMessage().contains("more detail"));
    }

    private static ArtifactResult resolved(String artifactId, String file) {
        ArtifactResult result = new ArtifactResult(new ArtifactRequest());
        result.setArtifact(new DefaultArtifact("g:" + artifactId + ":1")
                .setFile(Path.of(file).toFile()));
        return result;
    }

    @FunctionalInterface
    private interface Resolution {
        DependencyResult resolve(DependencyRequest request) throws DependencyResolutionException;
    }

    /** A repository system that only resolves dependencies, as told. */
    private RepositorySystem system(Resolution resolution) {
        return (RepositorySystem) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RepositorySystem.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("resolveDependencies")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    DependencyRequest request = (DependencyRequest) args[1];
                    requests.add(request);
                    return resolution.resolve(request);
                });
    }

    private RepositorySystemSession session(boolean offline) {
        return (RepositorySystemSession) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RepositorySystemSession.class}, (proxy, method, args) -> {
                    if (method.getName().equals("isOffline")) {
                        return offline;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
