/** Keeping credentials found in the inputs out of every log line, report, diff and error message. */
package dev.workflowguard.secrets;
