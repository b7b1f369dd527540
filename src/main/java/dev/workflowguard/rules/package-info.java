/** The rule catalogue: one class per rule id, each deciding on values and on manifests and proposing its fix. Rules
 * run once per build in a cold JVM: plain loops and ifs, no lambdas or streams (each lambda is a class made at first use). */
package dev.workflowguard.rules;
