/** The engine: reads the inputs, runs the rules, returns findings; no Maven types; loops, not lambdas (cold JVM). */
package dev.workflowguard.check;
