package dev.workflowguard.suppress;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A decision, written down, that a finding is accepted: which rule, why, until when, and where the
 * decision was written.
 *
 * @param rule the rule id it applies to
 * @param reason why (mandatory)
 * @param until the last day it applies, or null for no expiry
 * @param source where it is written (the comment, the annotation, the POM entry)
 * @param scope which places it covers
 */
public record Suppression(String rule, String reason, LocalDate until, Location source, Scope scope) {

    /** Which places a suppression covers. */
    public sealed interface Scope permits Line, ObjectScope, Filter {
        boolean covers(Place place);

        /** Words for messages: "values.yaml:12", "Deployment/deis-router", "files values/*.yaml". */
        String describe();

        /** What it covers without line numbers, which move: a comment's file, an annotation's object, a POM filter. */
        default String identity() {
            return describe();
        }
    }

    /** A comment: its own line when it trails a value, else the line below it. */
    public record Line(String file, int line) implements Scope {
        @Override
        public boolean covers(Place place) {
            return place.location().fileName().equals(file) && place.location().line() == line;
        }

        @Override
        public String describe() {
            return file + ":" + line;
        }

        @Override
        public String identity() {
            return file;
        }
    }

    /** A manifest annotation: the object that carries it. */
    public record ObjectScope(String file, String object) implements Scope {
        @Override
        public boolean covers(Place place) {
            return object.equals(place.object())
                    && (file == null || place.location().fileName().equals(file));
        }

        @Override
        public String describe() {
            return object;
        }
    }

    /** A POM entry: optional file glob, values path and object, all of which must match. */
    public record Filter(String fileGlob, String valuesPath, String object) implements Scope {
        @Override
        public boolean covers(Place place) {
            if (isSet(fileGlob)
                    && !FileSystems.getDefault()
                            .getPathMatcher("glob:" + fileGlob.trim())
                            .matches(Path.of(place.location().fileName()))) {
                return false;
            }
            if (isSet(valuesPath) && !valuesPath.trim().equals(place.valuesPath())) {
                return false;
            }
            return !isSet(object) || object.trim().equals(place.object());
        }

        @Override
        public String describe() {
            List<String> filters = new ArrayList<>();
            if (isSet(fileGlob)) {
                filters.add("files " + fileGlob.trim());
            }
            if (isSet(valuesPath)) {
                filters.add("values path " + valuesPath.trim());
            }
            if (isSet(object)) {
                filters.add("object " + object.trim());
            }
            return filters.isEmpty() ? "every place" : String.join(", ", filters);
        }

        /** An empty element in the POM filters nothing. */
        private static boolean isSet(String filter) {
            return filter != null && !filter.isBlank();
        }
    }

    public boolean isExpired(LocalDate today) {
        return until != null && until.isBefore(today);
    }

    /**
     * Which suppression this is, without line numbers: the rule, what it covers and its reason. The cause of the
     * findings about it (expired, stale), so that a baseline accepting one still does when lines move.
     */
    public String identity() {
        return rule + " " + scope.identity() + " " + reason;
    }

    /** True when it covers the finding: same rule, and one of the finding's places is in scope. */
    public boolean covers(Finding finding) {
        return rule.equals(finding.rule()) && finding.places().stream().anyMatch(scope::covers);
    }
}
