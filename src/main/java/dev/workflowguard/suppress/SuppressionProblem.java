package dev.workflowguard.suppress;

import dev.workflowguard.finding.Location;

/**
 * A suppression that cannot be honoured (no reason, unknown rule, bad date…), reported as a finding.
 *
 * @param location where the suppression is written
 * @param cause what is wrong with it, without where it is: the cause of the finding, so that a baseline accepting
 *     it still does when lines move
 * @param message what is wrong with it, and how to write it instead
 */
public record SuppressionProblem(Location location, String cause, String message) {

    /** The same problem, reported where it comes from (a rendered annotation at the values line that gives it). */
    public SuppressionProblem at(Location source) {
        return new SuppressionProblem(source, cause, message);
    }
}
