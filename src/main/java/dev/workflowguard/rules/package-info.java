/** The rule catalogue: one class per rule id, each deciding on values and on manifests and proposing its fix. */
package dev.workflowguard.rules;
