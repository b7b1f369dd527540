/** What a check produces: findings with severities, locations and proposed fixes. */
package dev.workflowguard.finding;
