/** What each Workflow release shipped: its version, and the facts its chart has, read from the release tags. */
package dev.workflowguard.release;
