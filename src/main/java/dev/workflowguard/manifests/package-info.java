/** Reading rendered Kubernetes manifests (files or folders, multi-document) into objects with positions. */
package dev.workflowguard.manifests;
