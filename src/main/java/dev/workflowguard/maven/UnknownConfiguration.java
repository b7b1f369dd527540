package dev.workflowguard.maven;

import dev.workflowguard.config.ConfiguredElement;
import dev.workflowguard.config.UnknownParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.model.InputLocation;
import org.apache.maven.model.InputSource;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Warns about the elements of this goal's configuration in the POM that configure nothing (see
 * {@link UnknownParameters}). They are read from the project's model, not from the execution: Maven 3 keeps only the
 * goal's own parameters in the execution's configuration, so what was misspelled is no longer there.
 */
final class UnknownConfiguration {

    private UnknownConfiguration() {}

    /** Logs one warning per unknown element of the goal's configuration; nothing without a POM. */
    static void warn(MojoExecution execution, MavenProject project, Path baseDirectory, Log log) {
        if (execution == null || project == null || execution.getMojoDescriptor() == null) {
            return;
        }
        MojoDescriptor mojo = execution.getMojoDescriptor();
        PluginDescriptor plugin = mojo.getPluginDescriptor();
        Plugin declared = declared(project, plugin.getGroupId(), plugin.getArtifactId());
        if (declared == null) {
            return;
        }
        List<ConfiguredElement> elements = new ArrayList<>();
        Places places = new Places(project, baseDirectory);
        add(declared.getConfiguration(), false, places.of(declared.getLocation("configuration")), places, elements);
        PluginExecution own = declared.getExecutionsAsMap().get(execution.getExecutionId());
        if (own != null) {
            add(own.getConfiguration(), true, places.of(own.getLocation("configuration")), places, elements);
        }
        // The model copies plugin-level configuration into each execution's: an element is the user's once.
        Set<String> seen = new HashSet<>();
        elements.removeIf(element -> !seen.add(element.name() + "@" + element.where()));
        String prefix = plugin.getGoalPrefix() == null ? plugin.getArtifactId() : plugin.getGoalPrefix();
        Map<String, String> others = new LinkedHashMap<>();
        for (MojoDescriptor other : plugin.getMojos()) {
            if (!other.getGoal().equals(mojo.getGoal())) {
                names(other).forEach(name -> others.putIfAbsent(name, prefix + ":" + other.getGoal()));
            }
        }
        new UnknownParameters(prefix + ":" + mojo.getGoal(), names(mojo).toList(), others)
                .warnings(elements)
                .forEach(warning -> log.warn("workflow-guard: " + warning));
    }

    /** The plugin as the POM declares it, in build plugins or else (for a goal typed on the command line) managed. */
    private static Plugin declared(MavenProject project, String groupId, String artifactId) {
        String key = groupId + ":" + artifactId;
        if (project.getBuild() == null) {
            return null;
        }
        Plugin plugin = project.getBuild().getPluginsAsMap().get(key);
        if (plugin == null && project.getBuild().getPluginManagement() != null) {
            plugin = project.getBuild().getPluginManagement().getPluginsAsMap().get(key);
        }
        return plugin;
    }

    private static Stream<String> names(MojoDescriptor mojo) {
        List<Parameter> parameters = mojo.getParameters() == null ? List.of() : mojo.getParameters();
        return parameters.stream()
                .flatMap(parameter -> Stream.of(parameter.getName(), parameter.getAlias()))
                .filter(Objects::nonNull);
    }

    private static void add(
            Object configuration, boolean inExecution, String where, Places places, List<ConfiguredElement> out) {
        // Maven 3 gives an Xpp3Dom; another shape (a later Maven's) is left to Maven's own warning.
        if (configuration instanceof Xpp3Dom dom) {
            for (Xpp3Dom child : dom.getChildren()) {
                String at = child.getInputLocation() instanceof InputLocation location
                        ? places.shown(location, "<" + child.getName(), where)
                        : where;
                out.add(new ConfiguredElement(child.getName(), at, inExecution));
            }
        }
    }

    /** Where an element is written, as messages show it: the POM relative to the base directory, with line and column. */
    private record Places(MavenProject project, Path baseDirectory) {

        /** The place of a whole `<configuration>`, or the project's POM when Maven did not record it. */
        String of(InputLocation configuration) {
            String pom = project.getFile() == null
                    ? "pom.xml"
                    : file(project.getFile().getPath());
            return configuration == null ? pom : shown(configuration, "<configuration", pom);
        }

        /**
         * {@code file:line:column} of the tag that starts with {@code tag}; a POM read from a repository by its id;
         * {@code otherwise} when the source is unknown. Maven records where a start tag ends; findings point where
         * things start, so the column is moved back to the tag's {@code <} when the POM can be read.
         */
        String shown(InputLocation location, String tag, String otherwise) {
            InputSource source = location.getSource();
            if (source == null || (source.getLocation() == null && source.getModelId() == null)) {
                return otherwise;
            }
            int line = location.getLineNumber();
            if (source.getLocation() == null) {
                return source.getModelId() + (line > 0 ? ":" + line : "");
            }
            int column = location.getColumnNumber();
            if (line > 0 && column > 0) {
                column = tagStart(Path.of(source.getLocation()), line, column, tag);
            }
            return file(source.getLocation()) + (line > 0 ? ":" + line : "") + (column > 0 ? ":" + column : "");
        }

        /** The 1-based column of the last {@code tag} on the line before {@code end}; {@code end} if there is none. */
        private static int tagStart(Path pom, int line, int end, String tag) {
            try (Stream<String> lines = Files.lines(pom)) {
                String text = lines.skip(line - 1L).findFirst().orElse("");
                int at = text.lastIndexOf(tag, Math.min(end - 1, text.length()));
                return at < 0 ? end : at + 1;
            } catch (IOException | UncheckedIOException e) {
                return end; // the place is only for the message
            }
        }

        /** A POM relative to the base directory (a parent's as {@code ../pom.xml}). */
        private String file(String path) {
            Path base = baseDirectory.toAbsolutePath().normalize();
            Path absolute = Path.of(path).toAbsolutePath().normalize();
            try {
                return base.relativize(absolute).toString().replace('\\', '/');
            } catch (IllegalArgumentException e) {
                return absolute.toString(); // another drive
            }
        }
    }
}
