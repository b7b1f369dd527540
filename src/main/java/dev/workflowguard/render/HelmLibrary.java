package dev.workflowguard.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Where Helm's Java binding (helm-java, JNA and Helm's native library for this platform) comes from.
 * The plugin does not depend on it: a check of values and manifests never loads it, so Maven neither
 * downloads its ~30 MB nor resolves it on every build; the goals fetch it the first time a chart is
 * rendered. Tests and embedders that have it on the class path use {@link #ON_CLASS_PATH}.
 */
@FunctionalInterface
public interface HelmLibrary {

    /** helm-java on the class path of this plugin itself (no jars to add). */
    HelmLibrary ON_CLASS_PATH = List::of;

    /**
     * The jars to load Helm from, helm-java first; empty when it is on this plugin's own class path.
     * Called only when a chart is about to be rendered.
     */
    List<Path> jars() throws RenderException;

    /** The helm-java artifact this plugin is compiled against, as groupId:artifactId:version. */
    static String coordinates() {
        Properties properties = new Properties();
        try (InputStream in = HelmLibrary.class.getResourceAsStream("helm-library.properties")) {
            if (in == null) {
                throw new IllegalStateException("helm-library.properties is missing from the plugin jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("groupId") + ":" + properties.getProperty("artifactId") + ":"
                + properties.getProperty("version");
    }
}
