/** Reading YAML safely into position-carrying trees, with Helm's scalar typing and explicit limits. */
package dev.workflowguard.yaml;
