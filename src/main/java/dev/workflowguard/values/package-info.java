/** Merging Helm values files the way Helm does, remembering which file and line set every value. */
package dev.workflowguard.values;
