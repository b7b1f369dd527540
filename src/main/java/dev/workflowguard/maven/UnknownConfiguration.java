package dev.workflowguard.maven;

import dev.workflowguard.config.ConfiguredElement;
import dev.workflowguard.config.UnknownParameters;
import dev.workflowguard.config.UnknownProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
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
        List<ConfiguredElement> elements = configured(execution, project, baseDirectory, declared);
        // The model copies plugin-level configuration into each execution's (Maven 4 with the execution's place):
        // a name is reported once, at the first place it is written.
        Set<String> seen = new HashSet<>();
        elements.removeIf(element -> !seen.add(element.name()));
        String prefix = plugin.getGoalPrefix() == null ? plugin.getArtifactId() : plugin.getGoalPrefix();
        Map<String, String> others = new LinkedHashMap<>();
        for (MojoDescriptor other : plugin.getMojos()) {
            if (!other.getGoal().equals(mojo.getGoal())) {
                names(other).forEach(name -> others.putIfAbsent(name, prefix + ":" + other.getGoal()));
            }
        }
        new UnknownParameters(prefix + ":" + mojo.getGoal(), names(mojo).toList(), others, properties(mojo))
                .warnings(elements)
                .forEach(warning -> log.warn("workflow-guard: " + warning));
    }

    /**
     * Where the POM writes one of the goal's parameters ({@code pom.xml:15:9}), in this execution's configuration
     * first, else the plugin's; for a list, the entry the message names ({@code <valuesFile>values/prod.yaml}), when
     * Maven recorded where entries are. Null when the POM does not configure it (a {@code -D} property, or no POM).
     */
    static String placeOf(
            MojoExecution execution, MavenProject project, Path baseDirectory, String parameter, String message) {
        if (execution == null || project == null || execution.getMojoDescriptor() == null) {
            return null;
        }
        PluginDescriptor plugin = execution.getMojoDescriptor().getPluginDescriptor();
        Plugin declared = declared(project, plugin.getGroupId(), plugin.getArtifactId());
        if (declared == null) {
            return null;
        }
        Places places = new Places(project, baseDirectory);
        PluginExecution own = declared.getExecutionsAsMap().get(execution.getExecutionId());
        List<Object[]> configurations = new ArrayList<>();
        if (own != null) {
            configurations.add(new Object[] {own.getConfiguration(), own.getLocation("configuration")});
        }
        configurations.add(new Object[] {declared.getConfiguration(), declared.getLocation("configuration")});
        for (Object[] configuration : configurations) {
            if (!(configuration[0] instanceof Xpp3Dom dom) || dom.getChild(parameter) == null) {
                continue;
            }
            Xpp3Dom element = dom.getChild(parameter);
            // The entry the message names first is its subject ("'grafana-sigup' is not a rule id; known rules: …").
            Xpp3Dom named = null;
            int first = Integer.MAX_VALUE;
            for (Xpp3Dom entry : element.getChildren()) {
                int position = position(message, entry.getValue());
                if (position < first && ownLocation(entry) != null) {
                    named = entry;
                    first = position;
                }
            }
            if (named != null) {
                return places.shown(ownLocation(named), "<" + named.getName());
            }
            InputLocation at = ownLocation(element);
            return places.shown(at != null ? at : (InputLocation) configuration[1], "<" + parameter);
        }
        return null;
    }

    /**
     * Where the message first names the value as a word of its own (a file, a rule id), not inside another;
     * {@link Integer#MAX_VALUE} when it does not.
     */
    private static int position(String message, String value) {
        if (value == null || value.isBlank()) {
            return Integer.MAX_VALUE;
        }
        Matcher word = Pattern.compile("(?<![\\w./-])" + Pattern.quote(value.strip()) + "(?![\\w./-])")
                .matcher(message);
        return word.find() ? word.start() : Integer.MAX_VALUE;
    }

    /** The elements of the plugin's configuration and of this execution's, in that order, each at its place. */
    private static List<ConfiguredElement> configured(
            MojoExecution execution, MavenProject project, Path baseDirectory, Plugin declared) {
        List<ConfiguredElement> elements = new ArrayList<>();
        Places places = new Places(project, baseDirectory);
        add(declared.getConfiguration(), false, declared.getLocation("configuration"), places, elements);
        PluginExecution own = declared.getExecutionsAsMap().get(execution.getExecutionId());
        if (own != null) {
            add(own.getConfiguration(), true, own.getLocation("configuration"), places, elements);
        }
        return elements;
    }

    /** Requests whose {@code -Dworkflow.*} properties were judged: once per build, not once per module. */
    private static final Map<MavenExecutionRequest, Boolean> PROPERTIES_JUDGED =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Logs one warning per {@code -Dworkflow.*} property of the build that no parameter of the plugin reads (see
     * {@link UnknownProperties}), once per build.
     */
    static void warnProperties(MojoExecution execution, MavenSession session, Log log) {
        if (execution == null
                || execution.getMojoDescriptor() == null
                || session == null
                || session.getRequest() == null
                || PROPERTIES_JUDGED.putIfAbsent(session.getRequest(), Boolean.TRUE) != null) {
            return;
        }
        Set<String> known = new HashSet<>();
        for (MojoDescriptor mojo :
                execution.getMojoDescriptor().getPluginDescriptor().getMojos()) {
            known.addAll(properties(mojo).keySet());
        }
        UnknownProperties.warnings(session.getUserProperties().stringPropertyNames(), known)
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

    /** The goal's parameters by their command-line property: `workflow.formats` → `reportFormats`. */
    private static Map<String, String> properties(MojoDescriptor mojo) {
        Map<String, String> properties = new LinkedHashMap<>();
        List<Parameter> parameters = mojo.getParameters() == null ? List.of() : mojo.getParameters();
        for (Parameter parameter : parameters) {
            String expression = parameter.getExpression();
            if (expression != null && expression.startsWith("${workflow.") && expression.endsWith("}")) {
                properties.put(expression.substring(2, expression.length() - 1), parameter.getName());
            }
        }
        return properties;
    }

    private static Stream<String> names(MojoDescriptor mojo) {
        List<Parameter> parameters = mojo.getParameters() == null ? List.of() : mojo.getParameters();
        return parameters.stream()
                .flatMap(parameter -> Stream.of(parameter.getName(), parameter.getAlias()))
                .filter(Objects::nonNull);
    }

    /**
     * The children of a {@code <configuration>}, each at its own place when Maven recorded one (Maven 3), else found
     * from the place of the configuration (Maven 4 gives its elements no place a Maven 3 plugin can read).
     */
    private static void add(
            Object configuration,
            boolean inExecution,
            InputLocation enclosing,
            Places places,
            List<ConfiguredElement> out) {
        // Maven 3 and 4 give an Xpp3Dom; another shape is left to Maven's own warning.
        if (configuration instanceof Xpp3Dom dom) {
            for (Xpp3Dom child : dom.getChildren()) {
                String tag = "<" + child.getName();
                InputLocation own = ownLocation(child);
                String at = own != null ? places.shown(own, tag) : places.shown(enclosing, tag);
                out.add(new ConfiguredElement(child.getName(), at, inExecution));
            }
        }
    }

    /**
     * Where Maven recorded the element, if it did in a form this plugin reads. Maven 3.6.3's plexus-utils may predate
     * {@code Xpp3Dom.getInputLocation()}: the element is then found from its configuration's place, as on Maven 4.
     */
    private static InputLocation ownLocation(Xpp3Dom element) {
        try {
            return element.getInputLocation() instanceof InputLocation location ? location : null;
        } catch (LinkageError e) {
            return null;
        }
    }

    /** Where an element is written, as messages show it: the POM relative to the base directory, with line and column. */
    private record Places(MavenProject project, Path baseDirectory) {

        /** The project's POM, as messages show it. */
        private String pom() {
            return project.getFile() == null
                    ? "pom.xml"
                    : file(project.getFile().toPath());
        }

        /**
         * {@code file:line:column} of the tag that starts with {@code tag}, near {@code location}; a POM read from a
         * repository by its id; the project's POM when Maven recorded no place. Maven 3 records where a start tag
         * ends, Maven 4 where the enclosing {@code <configuration>} starts; findings point where things start, so
         * when the POM can be read the place is moved to the tag's {@code <}: the last one before Maven's column on
         * its line, else the first one after it.
         */
        String shown(InputLocation location, String tag) {
            InputSource source = location == null ? null : location.getSource();
            if (source == null || (source.getLocation() == null && source.getModelId() == null)) {
                return pom();
            }
            int line = location.getLineNumber();
            if (source.getLocation() == null) {
                return source.getModelId() + (line > 0 ? ":" + line : "");
            }
            Path pom = pomPath(source.getLocation());
            int[] place = {line, location.getColumnNumber()};
            if (line > 0 && place[1] > 0) {
                place = tagStart(pom, line, place[1], tag);
            }
            return file(pom) + (place[0] > 0 ? ":" + place[0] : "") + (place[1] > 0 ? ":" + place[1] : "");
        }

        /** Maven 3 names the POM by its path, Maven 4 by a file: URI. */
        private static Path pomPath(String location) {
            if (location.startsWith("file:")) {
                try {
                    return Path.of(URI.create(location));
                } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                    return Path.of(location.substring("file:".length()));
                }
            }
            return Path.of(location);
        }

        /** The 1-based line and column of {@code tag} near Maven's place (see {@link #shown}); Maven's if none. */
        private static int[] tagStart(Path pom, int line, int column, String tag) {
            Pattern start = Pattern.compile(Pattern.quote(tag) + "(?=[\\s>/])");
            try (Stream<String> lines = Files.lines(pom)) {
                List<String> text = lines.skip(line - 1L).toList();
                if (text.isEmpty()) {
                    return new int[] {line, column};
                }
                Matcher before = start.matcher(text.get(0)
                        .substring(0, Math.min(column - 1, text.get(0).length())));
                int last = -1;
                while (before.find()) {
                    last = before.start();
                }
                if (last >= 0) {
                    return new int[] {line, last + 1};
                }
                for (int i = 0; i < text.size(); i++) {
                    Matcher after = start.matcher(text.get(i));
                    if (after.find(i == 0 ? Math.min(column - 1, text.get(0).length()) : 0)) {
                        return new int[] {line + i, after.start() + 1};
                    }
                }
                return new int[] {line, column};
            } catch (IOException | UncheckedIOException e) {
                return new int[] {line, column}; // the place is only for the message
            }
        }

        /** A POM relative to the base directory (a parent's as {@code ../pom.xml}). */
        private String file(Path path) {
            Path base = baseDirectory.toAbsolutePath().normalize();
            Path absolute = path.toAbsolutePath().normalize();
            try {
                return base.relativize(absolute).toString().replace('\\', '/');
            } catch (IllegalArgumentException e) {
                return absolute.toString(); // another drive
            }
        }
    }
}
