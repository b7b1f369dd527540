/** The Maven goals: thin adapters that collect configuration, call the engine and the reporters, and fail. */
package dev.workflowguard.maven;
