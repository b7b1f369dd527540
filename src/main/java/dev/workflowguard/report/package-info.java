/** Telling what a check and a fix found: console wording, report.json and the other formats, GitHub annotations. */
package dev.workflowguard.report;
