/** Suppressions with reasons and expiry dates (comments, manifest annotations, POM), and the baseline of accepted findings. */
package dev.workflowguard.suppress;
