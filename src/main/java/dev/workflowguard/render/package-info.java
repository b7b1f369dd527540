/** Rendering the Workflow chart in-process with Helm, its own defaults, and tracing rendered fields back to values. */
package dev.workflowguard.render;
