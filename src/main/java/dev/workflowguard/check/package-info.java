/** The engine: a check as a pipeline of stages from the request to the result; no Maven types. */
package dev.workflowguard.check;
