/** Editing YAML text in place: splices at parser spans, proven by re-parsing, byte-exact everywhere else. */
package dev.workflowguard.edit;
