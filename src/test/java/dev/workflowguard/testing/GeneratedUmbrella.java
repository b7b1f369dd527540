package dev.workflowguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A generated chart as large as the real Workflow umbrella: 17 subcharts (monitor with Grafana,
 * InfluxDB and Telegraf below it), about 60 objects, written with the template constructs the real
 * one uses: `include` of shared and per-chart helpers, `tpl` of a values string, `toYaml` of a
 * resources block, `default`, `range` over annotation maps, objects switched on and off by
 * `global.*` settings, SSH host keys generated at render time (`genPrivateKey`) in a hook. Its
 * value keys and object names are Workflow's, so every rule has something to read and provenance
 * something to trace (the router hard-codes one replica, as the stock chart does). The chart's
 * Chart.yaml says v2.23.0.
 */
public final class GeneratedUmbrella {

    /** The top-level subcharts, as in the Workflow v2.23 umbrella (monitor holds three more). */
    public static final List<String> SUBCHARTS = List.of(
            "builder",
            "controller",
            "database",
            "dockerbuilder",
            "fluentd",
            "logger",
            "minio",
            "monitor",
            "nsqd",
            "redis",
            "registry",
            "registry-proxy",
            "registry-token-refresher",
            "router",
            "slugbuilder",
            "slugrunner",
            "workflow-manager");

    /** Components run as a DaemonSet on every node rather than a Deployment. */
    private static final List<String> DAEMONS = List.of("fluentd", "registry-proxy", "telegraf");

    /** Components that only ship images, without a workload of their own (the builders start pods). */
    private static final List<String> IMAGE_ONLY = List.of("slugbuilder", "slugrunner", "dockerbuilder");

    private GeneratedUmbrella() {}

    /** A stock-like base: the chart's own settings repeated, as operators copy them. */
    public static final String BASE = """
            global:
              storage: minio
              grafana_location: "on-cluster"
              use_rbac: true
            controller:
              registration_mode: "admin_only"
            router:
              deployment_annotations:
                #router.deis.io/nginx.ssl.enforce: "true"
              host_port:
                enabled: false
            """;

    /** An overlay with many of the mistakes the rules catch, in several components. */
    public static final String MISTAKES = """
            global:
              use_rbac: false
            controller:
              registration_mode: enabled
              docker_tag: canary
            monitor:
              grafana:
                allow_sign_up: yes
                docker_tag: latest
              telegraf:
                docker_tag: canary
            router:
              host_port:
                enabled: true
              deployment_annotations:
                router.deis.io/nginx.ssl.protocols: "TLSv1 TLSv1.1 TLSv1.2"
            registry:
              docker_tag: canary
            workflow-manager:
              docker_tag: latest
            """;

    /** An overlay that fixes the mistakes: off-cluster storage, TLS, whitelists, pinned tags. */
    public static final String PRODUCTION = """
            global:
              storage: s3
            s3:
              accesskey: AKIAEXAMPLE
              region: eu-west-1
              registry_bucket: acme-registry
              database_bucket: acme-database
              builder_bucket: acme-builder
            controller:
              registration_mode: admin_only
            monitor:
              grafana:
                allow_sign_up: "false"
            router:
              deployment_annotations:
                router.deis.io/nginx.ssl.enforce: "true"
                router.deis.io/nginx.defaultWhitelist: "10.0.0.0/8"
              service_annotations:
                service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:123456789012:certificate/abc
            """;

    /** Writes the chart into the folder (which must not hold another chart) and returns it. */
    public static Path write(Path chart) throws IOException {
        write(chart.resolve("Chart.yaml"), """
                apiVersion: v1
                name: workflow
                description: A generated chart with the size, structure, value keys and object names of the Workflow umbrella.
                version: v2.23.0
                home: https://github.com/teamhephy/workflow
                """);
        write(chart.resolve("values.yaml"), umbrellaValues());
        write(chart.resolve("templates/_helpers.tpl"), """
                {{/* Labels every object of the umbrella carries; called with (dict "app" NAME "root" $). */}}
                {{- define "workflow.labels" -}}
                heritage: deis
                app: {{ .app }}
                release: {{ .root.Release.Name | default "deis" }}
                {{- end -}}
                {{- define "workflow.apiVersion" -}}
                {{- default "apps/v1" .Values.api_version -}}
                {{- end -}}
                """);
        write(chart.resolve("templates/objectstorage-secret.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: objectstorage-keyfile
                  labels:
                {{ include "workflow.labels" (dict "app" "objectstorage" "root" $) | indent 4 }}
                  annotations:
                    deis.io/objectstorage: "{{ .Values.global.storage }}"
                type: Opaque
                data: {{ if eq .Values.global.storage "gcs" }}
                  key.json: {{ .Values.gcs.key_json }}
                  registry-bucket: {{ .Values.gcs.registry_bucket | b64enc }}
                  database-bucket: {{ .Values.gcs.database_bucket | b64enc }}
                  builder-bucket: {{ .Values.gcs.builder_bucket | b64enc }}{{ else if eq .Values.global.storage "s3" }}
                  accesskey: {{ .Values.s3.accesskey | b64enc }}
                  secretkey: {{ .Values.s3.secretkey | b64enc }}
                  region: {{ .Values.s3.region | b64enc }}
                  registry-bucket: {{ .Values.s3.registry_bucket | b64enc }}
                  database-bucket: {{ .Values.s3.database_bucket | b64enc }}
                  builder-bucket: {{ .Values.s3.builder_bucket | b64enc }}{{ else }}
                  accesskey: OFRaUlk2VDhNNjBSMFhKQ1VaN0c=
                  secretkey: cFpMOWlHSHVDc0tkcVN0eGtVQU1xZ2I5V1hROHBqb1plWmV2MWFtVw=={{ end }}
                """);
        for (String name : SUBCHARTS) {
            Path sub = chart.resolve("charts").resolve(name);
            if (name.equals("monitor")) {
                write(sub.resolve("Chart.yaml"), chartYaml(name));
                write(sub.resolve("values.yaml"), """
                        grafana:
                          org: "hephy"
                          docker_tag: v2.23.0
                        influxdb:
                          org: "hephy"
                          docker_tag: v2.23.0
                        telegraf:
                          org: "hephy"
                          docker_tag: v2.23.0
                        """);
                for (String inner : List.of("grafana", "influxdb", "telegraf")) {
                    component(sub.resolve("charts").resolve(inner), "monitor-" + inner, inner);
                }
            } else {
                component(sub, name, name);
            }
        }
        // The builder's SSH host keys, generated by Helm at every render as the real builder chart does: most of
        // a render's time (RSA with 4096 bits), in a hook, which the rendered objects leave out.
        write(chart.resolve("charts/builder/templates/builder-secret-ssh-private-keys.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: builder-ssh-private-keys
                  annotations:
                    "helm.sh/hook": pre-install
                type: Opaque
                data:
                  ssh-host-rsa-key: "{{genPrivateKey "rsa" | b64enc}}"
                  ssh-host-ecdsa-key: "{{genPrivateKey "ecdsa" | b64enc}}"
                """);
        return chart;
    }

    /** One component's chart: helpers, values, and its objects. */
    private static void component(Path sub, String component, String chartName) throws IOException {
        write(sub.resolve("Chart.yaml"), chartYaml(chartName));
        String object = "deis-" + component;
        String helper = chartName + ".image";
        write(sub.resolve("templates/_helpers.tmpl"), """
                {{- define "%1$s" -}}
                {{ .Values.image_registry | default "quay.io" }}/{{ .Values.org }}/%2$s:{{ .Values.docker_tag }}
                {{- end -}}
                {{- define "%3$s.resources" -}}
                {{- if .Values.resources }}
                resources:
                {{ toYaml .Values.resources | indent 2 }}
                {{- end }}
                {{- end -}}
                """.formatted(helper, chartName, chartName));
        StringBuilder values = new StringBuilder("""
                org: "hephy"
                docker_tag: v2.23.0
                pull_policy: "IfNotPresent"
                # Extra annotations for the workload (key: value).
                deployment_annotations:
                # Helm evaluates this string as a template (tpl).
                namespace_template: "{{ .Release.Namespace }}"
                resources:
                  limits:
                    memory: 256Mi
                """);
        values.append(
                switch (chartName) {
                    case "controller" -> """
                    app_pull_policy: "IfNotPresent"
                    # enabled, disabled or admin_only
                    registration_mode: "admin_only"
                    global:
                      use_rbac: true
                    """;
                    case "router" -> """
                    platform_domain: ""
                    dhparam: ""
                    service_annotations:
                    host_port:
                      enabled: false
                    """;
                    case "grafana" -> """
                    user: "admin"
                    password: "admin"
                    allow_sign_up: "true"
                    """;
                    default -> "";
                });
        write(sub.resolve("values.yaml"), values.toString());
        if (IMAGE_ONLY.contains(chartName)) {
            write(sub.resolve("templates/" + component + "-configmap.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: %1$s-config
                      labels:
                    {{ include "workflow.labels" (dict "app" "%1$s" "root" $) | indent 4 }}
                    data:
                      image: {{ include "%2$s" . | quote }}
                      pull_policy: {{ .Values.pull_policy | default "IfNotPresent" | quote }}
                    """.formatted(object, helper));
            return;
        }
        String gate = switch (chartName) {
            case "minio" -> "{{- if eq .Values.global.storage \"minio\" }}\n";
            case "grafana" -> "{{- if eq .Values.global.grafana_location \"on-cluster\" }}\n";
            case "router" -> "{{- if not .Values.global.experimental_native_ingress }}\n";
            default -> "";
        };
        String kind = DAEMONS.contains(chartName) ? "DaemonSet" : "Deployment";
        String replicas = kind.equals("DaemonSet")
                ? ""
                : chartName.equals("router") ? "  replicas: 1\n" : "  replicas: {{ .Values.replicas | default 1 }}\n";
        String env = switch (chartName) {
            case "controller" -> """
                            - name: REGISTRATION_MODE
                              value: {{ .Values.registration_mode | quote }}
                            - name: "APP_PULL_POLICY"
                              value: {{ .Values.app_pull_policy | quote }}
                            """;
            case "grafana" -> """
                            - name: "DEFAULT_USER"
                              value: {{ .Values.user | quote }}
                            - name: "DEFAULT_USER_PASSWORD"
                              value: {{ .Values.password | quote }}
                            - name: "ALLOW_SIGN_UP"
                              value: {{ .Values.allow_sign_up | default "false" | quote }}
                            """;
            default -> "";
        };
        String ports = chartName.equals("router") ? """
                        ports:
                          - containerPort: 8080
                            {{- if .Values.host_port.enabled }}
                            hostPort: 80
                            {{- end }}
                          - containerPort: 6443
                            {{- if .Values.host_port.enabled }}
                            hostPort: 443
                            {{- end }}
                          - containerPort: 2222
                          - containerPort: 9090
                        """ : """
                        ports:
                          - containerPort: 8000
                            name: http
                        """;
        write(
                sub.resolve("templates/" + component + "-" + kind.toLowerCase() + ".yaml"),
                gate
                        + """
                apiVersion: {{ include "workflow.apiVersion" . }}
                kind: %1$s
                metadata:
                  name: %2$s
                  labels:
                {{ include "workflow.labels" (dict "app" "%2$s" "root" $) | indent 4 }}
                  annotations:
                    component.deis.io/version: {{ .Values.docker_tag }}
                {{- range $key, $value := .Values.deployment_annotations }}
                    {{ $key }}: {{ $value | quote }}
                {{- end }}
                spec:
                %3$s  selector:
                    matchLabels:
                      app: %2$s
                  template:
                    metadata:
                      labels:
                        app: %2$s
                    spec:
                      serviceAccount: %2$s
                      containers:
                        - name: %2$s
                          image: {{ include "%4$s" . }}
                          imagePullPolicy: {{ .Values.pull_policy | default "IfNotPresent" }}
                {{- include "%5$s.resources" . | indent 10 }}
                          env:
                            - name: POD_NAMESPACE
                              value: {{ tpl .Values.namespace_template . | quote }}
                %6$s%7$s""".formatted(kind, object, replicas, helper, chartName, env.indent(12), ports.indent(10))
                        + (gate.isEmpty() ? "" : "{{- end }}\n"));
        write(
                sub.resolve("templates/" + component + "-service-account.yaml"),
                gate + """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: %1$s
                  labels:
                {{ include "workflow.labels" (dict "app" "%1$s" "root" $) | indent 4 }}
                """.formatted(object) + (gate.isEmpty() ? "" : "{{- end }}\n"));
        if (!kind.equals("DaemonSet")) {
            String annotations = chartName.equals("router") ? """
                      annotations:
                    {{- range $key, $value := .Values.service_annotations }}
                        {{ $key }}: {{ $value | quote }}
                    {{- end }}
                    """ : "";
            String type = chartName.equals("router") ? "  type: LoadBalancer\n" : "";
            write(
                    sub.resolve("templates/" + component + "-service.yaml"),
                    gate
                            + """
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: %1$s
                      labels:
                    {{ include "workflow.labels" (dict "app" "%1$s" "root" $) | indent 4 }}
                    %2$sspec:
                    %3$s  selector:
                        app: %1$s
                      ports:
                        - port: 80
                          name: http
                          targetPort: %4$s
                    """.formatted(object, annotations, type, chartName.equals("router") ? "8080" : "8000")
                            + (gate.isEmpty() ? "" : "{{- end }}\n"));
        }
        write(sub.resolve("templates/" + component + "-clusterrole.yaml"), """
                {{- if .Values.global.use_rbac }}
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: %1$s
                  labels:
                {{ include "workflow.labels" (dict "app" "%1$s" "root" $) | indent 4 }}
                rules:
                - apiGroups: [""]
                  resources: ["pods", "services"]
                  verbs: ["get", "list"]
                {{- end }}
                """.formatted(object));
    }

    private static String chartYaml(String name) {
        return "apiVersion: v1\nname: " + name + "\ndescription: Workflow " + name
                + " (generated for benchmarks and provenance pins)\nversion: v2.23.0\n";
    }

    private static String umbrellaValues() {
        return """
                global:
                  # Set the storage backend: s3, azure, gcs, swift or minio (in-cluster)
                  storage: minio
                  # Set the location of Workflow's grafana instance
                  grafana_location: "on-cluster"
                  influxdb_location: "on-cluster"
                  logger_redis_location: "on-cluster"
                  database_location: "on-cluster"
                  registry_location: "on-cluster"
                  # Role-Based Access Control for Kubernetes >= 1.5
                  use_rbac: true
                  # Experimental feature to toggle using kubernetes ingress instead of the Deis router.
                  experimental_native_ingress: false

                s3:
                  accesskey: ""
                  secretkey: ""
                  region: "us-west-1"
                  registry_bucket: "your-registry-bucket-name"
                  database_bucket: "your-database-bucket-name"
                  builder_bucket: "your-builder-bucket-name"

                gcs:
                  key_json: <base64-encoded JSON data>
                  registry_bucket: "your-registry-bucket-name"
                  database_bucket: "your-database-bucket-name"
                  builder_bucket: "your-builder-bucket-name"

                controller:
                  registration_mode: "admin_only"

                monitor:
                  grafana:
                    user: "admin"
                    password: "admin"

                router:
                  # Any custom router annotations which need to be applied can be specified as key-value pairs
                  deployment_annotations:
                    #<example-key>: <example-value>
                  # Any custom annotations for the deis-router Service (for example TLS at the load balancer)
                  service_annotations:
                    #<example-key>: <example-value>
                  # Enable to pin router pod hostPort when using minikube or vagrant
                  host_port:
                    enabled: false
                """;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
