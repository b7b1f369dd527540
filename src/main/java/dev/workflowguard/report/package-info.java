/** Turning findings into log lines, the summary and the machine-readable report.json. */
package dev.workflowguard.report;
