/** One class per rule id, deciding on values and manifests, proposing fixes; loops, not lambdas (cold JVM). */
package dev.workflowguard.rules;
