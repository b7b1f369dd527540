package dev.workflowguard.release;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one Workflow release's delivered chart has, as read from its release tag.
 *
 * @param version the release
 * @param line "deis" (deis/workflow, up to 2.18) or "hephy" (teamhephy/workflow, 2.19 on)
 * @param umbrella where the umbrella chart was read
 * @param components each subchart by chart name (`monitor.grafana` for the monitor's own subcharts)
 * @param values for every key of the table's key list that exists in this release, its default as the
 *     chart renders it, or null when the key exists without a default; a key not in the map does not exist
 * @param rendered what the templates set, by rendered object (`Deployment/deis-router`)
 * @param storageSecrets each Secret a template renders with the storage backend annotation, by name, with the
 *     umbrella paths of the backend settings it reads: the top-level `s3.*` … from 2.9, each of builder,
 *     registry and database its own (`builder.s3.builder_bucket`) in 2.8; empty for Helm Classic
 */
public record ReleaseFacts(
        WorkflowVersion version,
        String line,
        Source umbrella,
        Map<String, Component> components,
        Map<String, String> values,
        Map<String, RenderedObject> rendered,
        Map<String, List<String>> storageSecrets) {

    /** A git tag of a public repository a fact was read from. */
    public record Source(String repository, String tag, String commit, String date) {}

    /**
     * A component the release pinned.
     *
     * @param tag the component release the umbrella pinned, which is also the image tag it shipped
     * @param pinnedBy how the pin was found: "changelog" or "newest-tag-before-release"
     * @param image the image as the chart's values compose it, or null when it could not be read
     * @param tagKey the umbrella values path of the image tag (`router.docker_tag`), or null when the chart has
     *     none
     */
    public record Component(
            String name, String repository, String tag, String commit, String pinnedBy, String image, String tagKey) {}

    /**
     * What a template sets on one rendered object.
     *
     * @param env the container env names the template can set
     * @param imageDefaults env the template leaves out whose default the image itself supplies
     * @param annotations the annotation keys the template sets
     * @param replicas spec.replicas as the template writes it, or null
     * @param hostPorts how the template binds host ports: "always", "never", or the values key that switches
     *     them (`router.host_port.enabled`); null when the table does not say
     */
    public record RenderedObject(
            List<String> env,
            Map<String, String> imageDefaults,
            List<String> annotations,
            String replicas,
            String hostPorts) {}

    /** Whether the release's chart has the values key. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The key's default in this release; empty when the key does not exist or has no default. */
    public Optional<String> defaultOf(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The component whose image tag is set by the values key, if any. */
    public Optional<Component> componentTaggedBy(String tagKey) {
        return components.values().stream()
                .filter(component -> tagKey.equals(component.tagKey()))
                .findFirst();
    }

    /** What the templates set on the object (`Deployment/deis-router`), if the table lists it. */
    public Optional<RenderedObject> renderedObject(String kindAndName) {
        return Optional.ofNullable(rendered.get(kindAndName));
    }

    /** "Deis Workflow v2.11.0" or "Hephy Workflow v2.23.0". */
    public String title() {
        return ("hephy".equals(line) ? "Hephy" : "Deis") + " Workflow v" + version.display();
    }
}
