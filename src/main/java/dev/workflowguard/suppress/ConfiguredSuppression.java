package dev.workflowguard.suppress;

import dev.workflowguard.finding.Location;

/**
 * A `<suppression>` entry as configured in the POM.
 *
 * @param rule the rule id
 * @param file an optional glob on the file (relative to the project), e.g. `values/*.yaml`
 * @param valuesPath an optional values path, e.g. `controller.registration_mode`
 * @param object an optional object, e.g. `Deployment/deis-router`
 * @param reason why (mandatory)
 * @param until the last day it applies (YYYY-MM-DD), or null
 * @param source where it is written (the POM line), for messages
 */
public record ConfiguredSuppression(
        String rule, String file, String valuesPath, String object, String reason, String until, Location source) {}
