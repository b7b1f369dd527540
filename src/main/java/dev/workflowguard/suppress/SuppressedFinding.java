package dev.workflowguard.suppress;

import dev.workflowguard.finding.Finding;

/** A finding a suppression accepts: reported for the record, never failing the build. */
public record SuppressedFinding(Finding finding, Suppression suppression) {}
