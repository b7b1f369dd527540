/** Reading rendered Kubernetes manifests into objects with positions, keeping the objects and fields the rules declare. */
package dev.workflowguard.manifests;
