package dev.workflowguard.finding;

import java.util.List;

/**
 * One problem with one cause, reported at every place that shows it (the values line that set a
 * value and the rendered object that carries it are one finding, not two).
 *
 * @param rule the rule id, public API
 * @param severity the effective severity after the user's overrides
 * @param cause what identifies the cause within the rule, used to merge places
 * @param places where it shows, the most useful place to change first
 * @param fix the proposed values edit, or null when a person must act
 * @param manifestFixes edits of committed rendered manifests (only with `workflow.fix.manifests`)
 */
public record Finding(
        String rule,
        Severity severity,
        String cause,
        List<Place> places,
        ProposedFix fix,
        List<ManifestFix> manifestFixes) {

    public Finding(String rule, Severity severity, String cause, List<Place> places, ProposedFix fix) {
        this(rule, severity, cause, places, fix, List.of());
    }

    public Finding {
        places = List.copyOf(places);
        manifestFixes = List.copyOf(manifestFixes);
        if (places.isEmpty()) {
            throw new IllegalArgumentException("a finding needs at least one place");
        }
    }

    public Place primary() {
        return places.get(0);
    }

    public Location location() {
        return primary().location();
    }

    public String message() {
        return primary().message();
    }

    public boolean fixable() {
        return (fix != null && !fix.onCommandLine()) || !manifestFixes.isEmpty();
    }
}
