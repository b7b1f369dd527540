/** One class per rule id, declaring what it reads and writes, deciding on values and manifests, proposing fixes. */
package dev.workflowguard.rules;
