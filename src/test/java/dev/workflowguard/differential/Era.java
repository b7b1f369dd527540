package dev.workflowguard.differential;

import java.util.List;
import java.util.Map;

/**
 * What one Workflow release's chart does with the keys the rules read, written by hand from that
 * release's tags (the umbrella's `charts/workflow/` and each pinned component's `charts/<name>/`).
 * {@link EraChart} writes a small chart with these shapes; nothing is copied from the real charts.
 *
 * @param version the release, as the umbrella's Chart.yaml carries it without the `v`
 * @param org the image org most of the delivered values name (Deis's release CI rewrote `deisci` to `deis`;
 *     Hephy's rewrite matches nothing, so v2.19 keeps `deisci`); no rule reads it
 * @param deploymentApi the apiVersion the component Deployments use
 * @param tags the pinned tag of each component the era chart has (also its `docker_tag` and chart version)
 * @param registrationMode the default of `controller.registration_mode` (umbrella and controller chart)
 * @param hostPort how the router Deployment binds host ports
 * @param routerAnnotationKeys whether `router.deployment_annotations` and `router.service_annotations` exist
 * @param quotedAnnotations whether the router templates quote annotation values (`{{ quote $value }}`)
 * @param idleTimeoutAnnotation whether the router Service always carries the ELB idle-timeout annotation
 * @param grafanaSignUpKey whether `monitor.grafana.allow_sign_up` exists (and the template sets ALLOW_SIGN_UP)
 * @param nativeIngressSwitch whether `global.experimental_native_ingress` exists (and replaces the router)
 * @param useRbac the umbrella's `global.use_rbac` default, or null when the release has no such key
 * @param storageSecretIn the chart that renders Secret `objectstorage-keyfile`: the umbrella, or (before
 *     2.9) the builder chart, which puts only its own bucket in it, while registry and database render their
 *     own Secrets, each from its own values
 */
record Era(
        String version,
        String org,
        String deploymentApi,
        Map<String, String> tags,
        String registrationMode,
        HostPort hostPort,
        boolean routerAnnotationKeys,
        boolean quotedAnnotations,
        boolean idleTimeoutAnnotation,
        boolean grafanaSignUpKey,
        boolean nativeIngressSwitch,
        Boolean useRbac,
        String storageSecretIn) {

    /** How the router binds host ports 80, 443, 2222 and 9090. */
    enum HostPort {
        /** Always: the template writes hostPort with no switch (Workflow before 2.10). */
        HARD_CODED,
        /** When `router.host_port.enabled` is true, which it is by default (Workflow 2.10 – 2.11). */
        KEY_DEFAULT_TRUE,
        /** When `router.host_port.enabled` is true; false by default (Workflow 2.12 and later). */
        KEY_DEFAULT_FALSE
    }

    /** The release as a chart version and values-mode `workflowVersion`: `v2.11.0`. */
    String tag() {
        return "v" + version;
    }

    /** Deis Workflow up to 2.18, Hephy Workflow (teamhephy/workflow) from 2.19. */
    String product() {
        return Integer.parseInt(version.split("\\.")[1]) >= 19 ? "Hephy Workflow" : "Deis Workflow";
    }

    boolean hasHostPortKey() {
        return hostPort != HostPort.HARD_CODED;
    }

    boolean hasRbacKey() {
        return useRbac != null;
    }

    @Override
    public String toString() {
        return tag();
    }

    private static Map<String, String> pins(String controller, String router, String monitor, String minio) {
        return Map.of("controller", controller, "router", router, "monitor", monitor, "minio", minio);
    }

    /*
     * Pins: the umbrella's src/changelogs ("#### Releases", `component old -> new`, chained from v2.9.0; the
     * "old" side of v2.9.0.md for v2.8.0), the same chain as /work/realcharts/notes/chain.py.
     */

    /** Deis v2.8.0 (deis/workflow v2.8.0): router v2.6.5 hard-codes host ports; no annotation keys. */
    static final Era V2_8 = new Era(
            "2.8.0",
            "deis",
            "extensions/v1beta1",
            Map.of(
                    "controller", "v2.8.1",
                    "router", "v2.6.5",
                    "monitor", "v2.6.2",
                    "minio", "v2.3.3",
                    "builder", "v2.5.4",
                    "registry", "v2.2.3",
                    "database", "v2.2.5"),
            "enabled",
            HostPort.HARD_CODED,
            false,
            false,
            false,
            false,
            false,
            null,
            "builder");

    /** Deis v2.11.0: router v2.9.0 has host_port.enabled true and unquoted annotations. */
    static final Era V2_11 = new Era(
            "2.11.0",
            "deis",
            "extensions/v1beta1",
            pins("v2.11.0", "v2.9.0", "v2.7.1", "v2.3.5"),
            "enabled",
            HostPort.KEY_DEFAULT_TRUE,
            true,
            false,
            false,
            false,
            false,
            null,
            "workflow");

    /** Deis v2.12.0: registration admin_only, host ports off, annotations quoted (router v2.11.0). */
    static final Era V2_12 = new Era(
            "2.12.0",
            "deis",
            "extensions/v1beta1",
            pins("v2.12.0", "v2.11.0", "v2.8.0", "v2.3.5"),
            "admin_only",
            HostPort.KEY_DEFAULT_FALSE,
            true,
            true,
            false,
            false,
            false,
            null,
            "workflow");

    /** Deis v2.14.0: monitor v2.9.0 brings allow_sign_up; router v2.12.1 the native ingress switch. */
    static final Era V2_14 = new Era(
            "2.14.0",
            "deis",
            "extensions/v1beta1",
            pins("v2.14.0", "v2.12.1", "v2.9.0", "v2.3.5"),
            "admin_only",
            HostPort.KEY_DEFAULT_FALSE,
            true,
            true,
            true,
            true,
            true,
            null,
            "workflow");

    /** Deis v2.15.0: global.use_rbac appears, false. */
    static final Era V2_15 = new Era(
            "2.15.0",
            "deis",
            "extensions/v1beta1",
            pins("v2.15.0", "v2.13.0", "v2.10.0", "v2.3.6"),
            "admin_only",
            HostPort.KEY_DEFAULT_FALSE,
            true,
            true,
            true,
            true,
            true,
            false,
            "workflow");

    /** Hephy v2.19.0 (teamhephy/workflow): the first Hephy release, RBAC still off. */
    static final Era V2_19 = new Era(
            "2.19.0",
            "deisci",
            "extensions/v1beta1",
            pins("v2.19.0", "v2.14.0", "v2.11.0", "v2.4.1"),
            "admin_only",
            HostPort.KEY_DEFAULT_FALSE,
            true,
            true,
            true,
            true,
            true,
            false,
            "workflow");

    /** Hephy v2.22.0: the umbrella turns global.use_rbac on (subcharts still default it off). */
    static final Era V2_22 = new Era(
            "2.22.0",
            "hephy",
            "apps/v1",
            pins("v2.21.0", "v2.18.0", "v2.11.2", "v2.4.4"),
            "admin_only",
            HostPort.KEY_DEFAULT_FALSE,
            true,
            true,
            true,
            true,
            true,
            true,
            "workflow");

    /** Hephy v2.23.0: controller v2.22.0, router v2.19.0, monitor v2.11.2, minio v2.4.5. */
    static final Era V2_23 = new Era(
            "2.23.0",
            "hephy",
            "apps/v1",
            pins("v2.22.0", "v2.19.0", "v2.11.2", "v2.4.5"),
            "admin_only",
            HostPort.KEY_DEFAULT_FALSE,
            true,
            true,
            true,
            true,
            true,
            true,
            "workflow");

    static final List<Era> ALL = List.of(V2_8, V2_11, V2_12, V2_14, V2_15, V2_19, V2_22, V2_23);
}
