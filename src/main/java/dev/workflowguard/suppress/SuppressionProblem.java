package dev.workflowguard.suppress;

import dev.workflowguard.finding.Location;

/** A suppression that cannot be honoured (no reason, unknown rule, bad date…), reported as a finding. */
public record SuppressionProblem(Location location, String message) {}
