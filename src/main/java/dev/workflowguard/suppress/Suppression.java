package dev.workflowguard.suppress;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;

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

        /** Words for messages: "the line below", "Deployment/deis-router", "files values/*.yaml". */
        String describe();
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
            if (fileGlob != null && !fileGlob.isBlank()) {
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + fileGlob.trim());
                if (!matcher.matches(Path.of(place.location().fileName()))) {
                    return false;
                }
            }
            if (valuesPath != null
                    && !valuesPath.isBlank()
                    && !valuesPath.trim().equals(place.valuesPath())) {
                return false;
            }
            return object == null || object.isBlank() || object.trim().equals(place.object());
        }

        @Override
        public String describe() {
            StringBuilder out = new StringBuilder();
            if (fileGlob != null && !fileGlob.isBlank()) {
                out.append("files ").append(fileGlob.trim());
            }
            if (valuesPath != null && !valuesPath.isBlank()) {
                out.append(out.length() > 0 ? ", " : "").append("values path ").append(valuesPath.trim());
            }
            if (object != null && !object.isBlank()) {
                out.append(out.length() > 0 ? ", " : "").append("object ").append(object.trim());
            }
            return out.length() == 0 ? "every place" : out.toString();
        }
    }

    public boolean isExpired(LocalDate today) {
        return until != null && until.isBefore(today);
    }

    /** True when it covers the finding: same rule, and one of the finding's places is in scope. */
    public boolean covers(Finding finding) {
        return rule.equals(finding.rule()) && finding.places().stream().anyMatch(scope::covers);
    }
}
