/** The engine: resolves and reads the inputs, runs the rules, and returns findings; no Maven types. */
package dev.workflowguard.check;
