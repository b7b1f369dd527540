package dev.workflowguard.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the small chart of one {@link Era}: the umbrella with the controller, router, monitor
 * (grafana) and minio subcharts, and the charts that render the storage Secrets. Only the
 * objects, fields and values keys the rules read are there, shaped as that release's templates shape
 * them (which keys exist, their defaults, quoting, what is hard-coded); every text is written here.
 */
final class EraChart {

    private final Era era;
    private final Path root;

    private EraChart(Era era, Path root) {
        this.era = era;
        this.root = root;
    }

    /** Writes the era's chart into the folder (created) and returns it. */
    static Path write(Era era, Path folder) throws IOException {
        new EraChart(era, folder).write();
        return folder;
    }

    private void write() throws IOException {
        file(
                "Chart.yaml",
                chartYaml(
                        "workflow",
                        era.tag(),
                        era.product() + " " + era.tag() + " as the differential test "
                                + "reproduces it (only what the rules of workflow-guard read)"));
        file("values.yaml", umbrellaValues());
        if (era.storageSecretIn().equals("workflow")) {
            file(
                    "templates/objectstorage-secret.yaml",
                    storageSecret("objectstorage-keyfile", List.of("registry", "database", "builder")));
        }
        controller();
        router();
        monitor();
        minio();
        if (era.storageSecretIn().equals("builder")) {
            ownStorage("builder", "git push endpoint", "objectstorage-keyfile");
            ownStorage("registry", "image registry", "registry-storage-keyfile");
            ownStorage("database", "PostgreSQL", "database-storage-keyfile");
        }
    }

    private String umbrellaValues() {
        StringBuilder values = new StringBuilder();
        values.append("global:\n")
                .append("  # s3, azure, gcs, swift or minio (in-cluster)\n")
                .append("  storage: minio\n")
                .append("  database_location: \"on-cluster\"\n")
                .append("  logger_redis_location: \"on-cluster\"\n")
                .append("  influxdb_location: \"on-cluster\"\n")
                .append("  grafana_location: \"on-cluster\"\n")
                .append("  registry_location: \"on-cluster\"\n");
        if (era.nativeIngressSwitch()) {
            values.append("  # Kubernetes ingress instead of the router\n")
                    .append("  experimental_native_ingress: false\n");
        }
        if (era.hasRbacKey()) {
            values.append("  use_rbac: ").append(era.useRbac()).append('\n');
        }
        values.append("""

                s3:
                  # empty: the IAM role of the nodes
                  accesskey: ""
                  secretkey: ""
                  region: "us-west-1"
                  registry_bucket: "your-registry-bucket-name"
                  database_bucket: "your-database-bucket-name"
                  builder_bucket: "your-builder-bucket-name"

                controller:
                  # enabled, disabled or admin_only
                """);
        values.append("  registration_mode: \"").append(era.registrationMode()).append("\"\n");
        values.append("""

                monitor:
                  grafana:
                    user: "admin"
                    password: "admin"

                router:
                  dhparam: ""
                """);
        if (era.routerAnnotationKeys()) {
            values.append("  # router annotations, key: value\n")
                    .append("  deployment_annotations:\n")
                    .append("  # annotations of the deis-router Service (TLS at the load balancer)\n")
                    .append("  service_annotations:\n");
        }
        if (era.hasHostPortKey()) {
            values.append("  host_port:\n")
                    .append("    enabled: ")
                    .append(era.hostPort() == Era.HostPort.KEY_DEFAULT_TRUE)
                    .append('\n');
        }
        return values.toString();
    }

    private void controller() throws IOException {
        String dir = "charts/controller/";
        file(dir + "Chart.yaml", chartYaml("controller", era.tags().get("controller"), "Workflow API"));
        StringBuilder values = new StringBuilder(image("controller"));
        values.append("registration_mode: \"").append(era.registrationMode()).append("\"\n");
        values.append(subchartGlobals());
        file(dir + "values.yaml", values.toString());
        String ingressEnv = era.nativeIngressSwitch() ? """
                            - name: "EXPERIMENTAL_NATIVE_INGRESS"
                              value: "{{ .Values.global.experimental_native_ingress }}"
                """ : "";
        file(
                dir + "templates/controller-deployment.yaml",
                deployment("deis-controller", "controller", """
                          env:
                            - name: REGISTRATION_MODE
                              value: {{ .Values.registration_mode }}
                """ + ingressEnv));
        if (era.hasRbacKey()) {
            file(dir + "templates/controller-clusterrole.yaml", role("ClusterRole", "deis:deis-controller"));
        }
    }

    private void router() throws IOException {
        String dir = "charts/router/";
        file(dir + "Chart.yaml", chartYaml("router", era.tags().get("router"), "Workflow router"));
        StringBuilder values = new StringBuilder(image("router"));
        values.append("platform_domain: \"\"\n");
        if (era.hasHostPortKey()) {
            values.append("host_port:\n  enabled: ")
                    .append(era.hostPort() == Era.HostPort.KEY_DEFAULT_TRUE)
                    .append('\n');
        }
        values.append(subchartGlobals());
        file(dir + "values.yaml", values.toString());

        String value = era.quotedAnnotations() ? "{{ quote $value }}" : "{{ $value }}";
        String annotations = era.routerAnnotationKeys()
                ? "{{- range $key, $value := .Values.deployment_annotations }}\n    {{ $key }}: " + value
                        + "\n{{- end }}\n"
                : "";
        StringBuilder ports = new StringBuilder("          ports:\n");
        int[][] pairs = {{8080, 80}, {6443, 443}, {2222, 2222}, {9090, 9090}};
        for (int[] pair : pairs) {
            ports.append("            - containerPort: ").append(pair[0]).append('\n');
            String hostPort = "              hostPort: " + pair[1] + "\n";
            ports.append(
                    era.hasHostPortKey()
                            ? "{{- if .Values.host_port.enabled }}\n" + hostPort + "{{- end }}\n"
                            : hostPort);
        }
        String deployment = """
                apiVersion: %s
                kind: Deployment
                metadata:
                  name: deis-router
                  labels:
                    heritage: deis
                  annotations:
                    component.deis.io/version: {{ .Values.docker_tag }}
                %s{{- if not (empty .Values.platform_domain) }}
                    router.deis.io/nginx.platformDomain: {{ .Values.platform_domain }}
                {{- end }}
                spec:
                  # every released router chart runs one replica
                  replicas: 1
                  selector:
                    matchLabels:
                      app: deis-router
                  template:
                    metadata:
                      labels:
                        app: deis-router
                    spec:
                      serviceAccount: deis-router
                      containers:
                        - name: deis-router
                          image: quay.io/{{ .Values.org }}/router:{{ .Values.docker_tag }}
                %s""".formatted(era.deploymentApi(), annotations, ports);
        file(dir + "templates/router-deployment.yaml", unlessNativeIngress(deployment));

        String serviceAnnotations;
        if (era.idleTimeoutAnnotation()) {
            serviceAnnotations = """
                  annotations:
                    service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout: "1200"
                {{- range $key, $value := .Values.service_annotations }}
                    {{ $key }}: %s
                {{- end }}
                """.formatted(value);
        } else if (era.routerAnnotationKeys()) {
            serviceAnnotations = """
                {{- if .Values.service_annotations }}
                  annotations:
                {{- range $key, $value := .Values.service_annotations }}
                    {{ $key }}: %s
                {{- end }}
                {{- end }}
                """.formatted(value);
        } else {
            serviceAnnotations = "";
        }
        String service = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: deis-router
                %s  labels:
                    heritage: deis
                spec:
                  type: LoadBalancer
                  selector:
                    app: deis-router
                  ports:
                    - {name: http, port: 80, targetPort: 8080}
                    - {name: https, port: 443, targetPort: 6443}
                    - {name: builder, port: 2222, targetPort: 2222}
                    - {name: healthz, port: 9090, targetPort: 9090}
                """.formatted(serviceAnnotations);
        file(dir + "templates/router-service.yaml", unlessNativeIngress(service));
        if (era.hasRbacKey()) {
            file(dir + "templates/router-role.yaml", role("Role", "deis-router"));
        }
    }

    private void monitor() throws IOException {
        String dir = "charts/monitor/";
        String tag = era.tags().get("monitor");
        file(dir + "Chart.yaml", chartYaml("monitor", tag, "Workflow monitoring"));
        StringBuilder values = new StringBuilder("grafana:\n")
                .append("  org: \"")
                .append(era.org())
                .append("\"\n")
                .append("  docker_tag: ")
                .append(tag)
                .append('\n');
        if (era.grafanaSignUpKey()) {
            values.append("  allow_sign_up: \"true\"\n");
        }
        values.append("global:\n  grafana_location: \"on-cluster\"\n");
        file(dir + "values.yaml", values.toString());
        // Grafana is a subchart of monitor; its values come from monitor's `grafana:` and the umbrella's.
        String grafana = dir + "charts/grafana/";
        file(grafana + "Chart.yaml", chartYaml("grafana", tag, "Workflow Grafana"));
        String signUp = era.grafanaSignUpKey() ? """
                            - name: "ALLOW_SIGN_UP"
                              value: {{ .Values.allow_sign_up | quote }}
                """ : "";
        String deployment = deployment("deis-monitor-grafana", "grafana", """
                          env:
                            - name: "DEFAULT_USER"
                              value: {{ .Values.user }}
                            - name: "DEFAULT_USER_PASSWORD"
                              value: {{ .Values.password }}
                """ + signUp);
        file(
                grafana + "templates/monitor-grafana-deployment.yaml",
                "{{- if eq .Values.global.grafana_location \"on-cluster\" }}\n" + deployment + "{{- end }}\n");
    }

    private void minio() throws IOException {
        String dir = "charts/minio/";
        file(dir + "Chart.yaml", chartYaml("minio", era.tags().get("minio"), "in-cluster object storage"));
        file(dir + "values.yaml", image("minio") + "global:\n  storage: minio\n");
        file(
                dir + "templates/minio-deployment.yaml",
                "{{- if eq .Values.global.storage \"minio\" }}\n"
                        + deployment("deis-minio", "minio", "")
                        + "{{- end }}\n");
    }

    /**
     * Before Workflow 2.9 the builder, registry and database charts each rendered their own storage Secret
     * (the builder's is `objectstorage-keyfile`) from their own `s3:` values (the umbrella's top-level `s3:`
     * does not reach a subchart), with their own bucket only.
     */
    private void ownStorage(String chart, String description, String secret) throws IOException {
        String dir = "charts/" + chart + "/";
        file(dir + "Chart.yaml", chartYaml(chart, era.tags().get(chart), description));
        file(dir + "values.yaml", image(chart) + """
                global:
                  storage: minio
                s3:
                  accesskey: ""
                  secretkey: ""
                  region: "us-west-1"
                  %s_bucket: "your-%s-bucket-name"
                """.formatted(chart, chart));
        file(dir + "templates/" + chart + "-storage-secret.yaml", storageSecret(secret, List.of(chart)));
    }

    private String storageSecret(String secret, List<String> buckets) {
        String bucketLines = buckets.stream()
                .map(bucket -> "  %s-bucket: {{ .Values.s3.%s_bucket | b64enc }}".formatted(bucket, bucket))
                .collect(Collectors.joining("\n"));
        // The minio branch carries the in-cluster Minio's fixed test keys (made up here: "era-access", "era-secret").
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s
                  labels:
                    heritage: deis
                  annotations:
                    deis.io/objectstorage: "{{ .Values.global.storage }}"
                type: Opaque
                data: {{ if eq .Values.global.storage "s3" }}
                  accesskey: {{ .Values.s3.accesskey | b64enc }}
                  secretkey: {{ .Values.s3.secretkey | b64enc }}
                  region: {{ .Values.s3.region | b64enc }}
                %s{{ else if eq .Values.global.storage "minio" }}
                  accesskey: ZXJhLWFjY2Vzcw==
                  secretkey: ZXJhLXNlY3JldA=={{ end }}
                """.formatted(secret, bucketLines);
    }

    /** A Deployment of one container named as the object, with the component's image and the given lines. */
    private String deployment(String name, String component, String containerLines) {
        return """
                apiVersion: %s
                kind: Deployment
                metadata:
                  name: %s
                  labels:
                    heritage: deis
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: %s
                  template:
                    metadata:
                      labels:
                        app: %s
                    spec:
                      containers:
                        - name: %s
                          image: quay.io/{{ .Values.org }}/%s:{{ .Values.docker_tag }}
                %s""".formatted(era.deploymentApi(), name, name, name, name, component, containerLines);
    }

    /** An RBAC object the umbrella's `global.use_rbac` switches on (Workflow 2.15 and later). */
    private static String role(String kind, String name) {
        return """
                {{- if .Values.global.use_rbac }}
                apiVersion: rbac.authorization.k8s.io/v1
                kind: %s
                metadata:
                  name: %s
                  labels:
                    heritage: deis
                rules:
                  - apiGroups: [""]
                    resources: ["pods", "services", "secrets"]
                    verbs: ["get", "list", "watch"]
                {{- end }}
                """.formatted(kind, name);
    }

    private String unlessNativeIngress(String template) {
        return era.nativeIngressSwitch()
                ? "{{- if not .Values.global.experimental_native_ingress }}\n" + template + "{{- end }}\n"
                : template;
    }

    /** The globals a subchart's own values.yaml defaults (the umbrella's override them). */
    private String subchartGlobals() {
        StringBuilder globals = new StringBuilder("global:\n  storage: minio\n");
        if (era.nativeIngressSwitch()) {
            globals.append("  experimental_native_ingress: false\n");
        }
        if (era.hasRbacKey()) {
            globals.append("  use_rbac: false\n");
        }
        return globals.toString();
    }

    /** The image settings of a component, tagged as the release pinned it. */
    private String image(String component) {
        return "org: \"" + era.org() + "\"\ndocker_tag: " + era.tags().get(component) + "\n";
    }

    private static String chartYaml(String name, String version, String description) {
        return "apiVersion: v1\nname: " + name + "\ndescription: " + description + "\nversion: " + version + "\n";
    }

    private void file(String name, String text) throws IOException {
        Path path = root.resolve(name);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }
}
