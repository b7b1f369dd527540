/** The Maven goals: thin adapters that collect configuration, call the engine, log and fail. */
package dev.workflowguard.maven;
