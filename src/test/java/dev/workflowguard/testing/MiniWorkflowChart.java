package dev.workflowguard.testing;

/**
 * A small Workflow umbrella chart written into a test repository: Grafana (under monitor) and the router, with the
 * keys, object names and defaults of a release of one era or the other, written here (not copied from a release).
 * Before Workflow 2.14 the Grafana template sets no ALLOW_SIGN_UP and the chart has no allow_sign_up key; from 2.14
 * it renders the key, "true" by default.
 */
public final class MiniWorkflowChart {

    private MiniWorkflowChart() {}

    /**
     * Writes the chart to {@code charts/workflow}.
     *
     * @param version the umbrella's version (`v2.11.0`)
     * @param signUpKey whether Grafana renders ALLOW_SIGN_UP from `allow_sign_up` (Workflow 2.14 and later)
     * @param routerTag the router chart's default docker_tag
     */
    public static TestRepo write(TestRepo repo, String version, boolean signUpKey, String routerTag) {
        String grafanaValues = "org: deis\ndocker_tag: v2.7.1\nuser: \"admin\"\npassword: \"admin\"\n"
                + (signUpKey ? "allow_sign_up: \"true\"\n" : "");
        String signUpEnv = signUpKey ? """
                            - name: "ALLOW_SIGN_UP"
                              value: {{ .Values.allow_sign_up | quote }}
                """ : "";
        return repo.file("charts/workflow/Chart.yaml", "apiVersion: v1\nname: workflow\nversion: " + version + "\n")
                .file("charts/workflow/values.yaml", """
                        global:
                          # on-cluster or off-cluster
                          grafana_location: "on-cluster"
                        """)
                .file("charts/workflow/charts/monitor/Chart.yaml", "apiVersion: v1\nname: monitor\nversion: v2.7.1\n")
                .file("charts/workflow/charts/monitor/values.yaml", "grafana:\n  org: deis\n")
                .file(
                        "charts/workflow/charts/monitor/charts/grafana/Chart.yaml",
                        "apiVersion: v1\nname: grafana\nversion: v2.7.1\n")
                .file("charts/workflow/charts/monitor/charts/grafana/values.yaml", grafanaValues)
                .file(
                        "charts/workflow/charts/monitor/charts/grafana/templates/monitor-grafana-deployment.yaml",
                        """
                        {{- if eq .Values.global.grafana_location "on-cluster" }}
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: deis-monitor-grafana
                        spec:
                          template:
                            spec:
                              containers:
                                - name: deis-monitor-grafana
                                  image: quay.io/{{ .Values.org }}/grafana:{{ .Values.docker_tag }}
                                  env:
                                    - name: "DEFAULT_USER"
                                      value: {{ .Values.user | quote }}
                                    - name: "DEFAULT_USER_PASSWORD"
                                      value: {{ .Values.password | quote }}
                        %s{{- end }}
                        """.formatted(signUpEnv))
                .file("charts/workflow/charts/router/Chart.yaml", "apiVersion: v1\nname: router\nversion: v2.9.0\n")
                .file("charts/workflow/charts/router/values.yaml", "org: deis\ndocker_tag: " + routerTag + "\n")
                .file("charts/workflow/charts/router/templates/router-deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: deis-router
                        spec:
                          replicas: 1
                          template:
                            spec:
                              containers:
                                - name: deis-router
                                  image: quay.io/{{ .Values.org }}/router:{{ .Values.docker_tag }}
                        """);
    }
}
