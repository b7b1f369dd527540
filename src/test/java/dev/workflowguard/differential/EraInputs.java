package dev.workflowguard.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values inputs each era is checked with, the same in values mode and in chart mode: values
 * files in Helm order (`-f base.yaml -f prod.yaml`) and `--set` expressions. A production overlay
 * sets only keys the era's chart has, so a key a release lacks is never what makes it pass.
 */
final class EraInputs {

    /** The Grafana admin password, injected at deploy time as production does (never committed). */
    private static final String PASSWORD = "monitor.grafana.password=injected-at-deploy";

    /**
     * One input.
     *
     * @param name what the input is, for the case name
     * @param files values file name → content, in Helm order
     * @param set `--set` expressions, applied after the files
     */
    record Input(String name, Map<String, String> files, List<String> set) {

        List<String> fileNames() {
            return List.copyOf(files.keySet());
        }
    }

    private EraInputs() {}

    /** Every input for the era: stock, production, the overlay that trips the rules, native ingress, and (for
     * releases that lack some of its keys) the production overlay written for the newest release. */
    static List<Input> of(Era era) {
        List<Input> inputs = new ArrayList<>();
        inputs.add(new Input(
                "stock", files("values/stock.yaml", "# no user values: the release's own defaults\n"), List.of()));
        inputs.add(new Input(
                "production",
                files("values/base.yaml", base(), "values/prod.yaml", production(era)),
                List.of(PASSWORD)));
        inputs.add(new Input("trips", files("values/base.yaml", base(), "values/trips.yaml", trips(era)), List.of()));
        inputs.add(new Input(
                "native-ingress",
                files(
                        "values/base.yaml",
                        base(),
                        "values/prod.yaml",
                        production(era),
                        "values/ingress.yaml",
                        "global:\n  experimental_native_ingress: true\n"),
                List.of(PASSWORD)));
        if (era.storageSecretIn().equals("builder")) {
            inputs.add(new Input(
                    "production-with-each-component's-storage",
                    files(
                            "values/base.yaml",
                            base(),
                            "values/prod.yaml",
                            production(era),
                            "values/storage.yaml",
                            ownStorage()),
                    List.of(PASSWORD)));
        }
        String newest = production(Era.V2_23);
        if (!production(era).equals(newest)) {
            inputs.add(new Input(
                    "production-overlay-of-v2.23.0",
                    files("values/base.yaml", base(), "values/prod.yaml", newest),
                    List.of(PASSWORD)));
        }
        return inputs;
    }

    /** What every cluster of the infrastructure repository shares, copied from a stock values file. */
    static String base() {
        return """
                # shared by every cluster
                global:
                  storage: minio
                  grafana_location: "on-cluster"
                monitor:
                  grafana:
                    user: "admin"
                """;
    }

    /**
     * The production overlay for the era: off-cluster storage (IAM credentials), admin_only
     * registration, and where the release has the key, sign-ups closed, RBAC on, host ports off and
     * TLS at the load balancer with HTTPS enforced, modern protocols and a router-wide whitelist.
     */
    static String production(Era era) {
        StringBuilder prod = new StringBuilder("# production\nglobal:\n  storage: s3\n");
        if (era.hasRbacKey()) {
            prod.append("  use_rbac: true\n");
        }
        prod.append("""
                s3:
                  region: eu-central-1
                  registry_bucket: acme-registry
                  database_bucket: acme-database
                  builder_bucket: acme-builder
                controller:
                  registration_mode: admin_only
                """);
        if (era.grafanaSignUpKey()) {
            prod.append("monitor:\n  grafana:\n    allow_sign_up: \"false\"\n");
        }
        if (era.routerAnnotationKeys() || era.hasHostPortKey()) {
            prod.append("router:\n");
        }
        if (era.routerAnnotationKeys()) {
            prod.append("""
                      deployment_annotations:
                        router.deis.io/nginx.ssl.enforce: "true"
                        router.deis.io/nginx.ssl.hsts.enabled: "true"
                        router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"
                        router.deis.io/nginx.defaultWhitelist: "10.0.0.0/8"
                      service_annotations:
                        service.beta.kubernetes.io/aws-load-balancer-ssl-cert: "arn:aws:acm:eu-central-1:123456789012:certificate/era"
                    """);
        }
        if (era.hasHostPortKey()) {
            prod.append("  host_port:\n    enabled: false\n");
        }
        return prod.toString();
    }

    /**
     * Before 2.9 the builder, registry and database charts each read their own storage settings, so a
     * production overlay of that era sets them under each chart.
     */
    static String ownStorage() {
        StringBuilder storage = new StringBuilder("# each component's own storage settings (Workflow 2.8)\n");
        for (String chart : List.of("builder", "registry", "database")) {
            storage.append(chart)
                    .append(":\n  s3:\n    region: eu-central-1\n    ")
                    .append(chart)
                    .append("_bucket: acme-")
                    .append(chart)
                    .append('\n');
        }
        return storage.toString();
    }

    /**
     * Trips every rule values can decide that the stock chart does not already trip (with stock, they
     * cover every one): placeholder buckets, a committed S3 secret key, a value the chart cannot use, a
     * repeated key, moving image tags, and the era's router, Grafana and RBAC keys set the wrong way.
     */
    static String trips(Era era) {
        StringBuilder trips = new StringBuilder("""
                # every rule, tripped
                global:
                  storage: s3
                  influxdb_location: elsewhere
                """);
        if (era.hasRbacKey()) {
            trips.append("  use_rbac: false\n");
        }
        trips.append("""
                s3:
                  region: eu-central-1
                  secretkey: "k3Yq9rT2mVx8LwP4nZs7HbD1cFg6JeUa0oRiNtQy"
                controller:
                  registration_mode: admin_only
                  docker_tag: canary
                  registration_mode: enabled
                monitor:
                  grafana:
                    password: "admin"
                """);
        if (era.grafanaSignUpKey()) {
            trips.append("    allow_sign_up: \"yes\"\n");
        }
        trips.append("router:\n  docker_tag: latest\n");
        if (era.hasHostPortKey()) {
            trips.append("  host_port:\n    enabled: true\n");
        }
        if (era.routerAnnotationKeys()) {
            trips.append("""
                      deployment_annotations:
                        router.deis.io/nginx.ssl.enforce: "false"
                        router.deis.io/nginx.ssl.protocols: "TLSv1 TLSv1.1 TLSv1.2"
                        router.deis.io/nginx.enforceWhitelists: "false"
                    """);
        }
        return trips.toString();
    }

    private static Map<String, String> files(String... nameAndContent) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < nameAndContent.length; i += 2) {
            files.put(nameAndContent[i], nameAndContent[i + 1]);
        }
        return files;
    }
}
