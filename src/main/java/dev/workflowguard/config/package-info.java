/** The user's own configuration read back: names it does not know, and the names that were probably meant. */
package dev.workflowguard.config;
