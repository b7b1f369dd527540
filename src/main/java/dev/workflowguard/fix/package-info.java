/** Correcting findings: planning edits per file, writing them safely, and describing them as a patch. */
package dev.workflowguard.fix;
