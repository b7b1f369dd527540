// Before the build: the test chart in charts/workflow, made to look like the Deis Workflow v2.11 umbrella chart:
// version v2.11.0 everywhere, host ports on by default (the ssh port too), no RBAC (no ClusterRole, no use_rbac),
// open registration, and no Grafana sign-up switch (allow_sign_up came in 2.14).
import java.nio.file.Files
import java.nio.file.Path

new File(basedir, 'target').deleteDir()
def fixture = new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy'))
Path chart = fixture.copyTo('charts/workflow')

int versions = 0
Files.walk(chart).filter { Files.isRegularFile(it) }.each { Path file ->
    String text = Files.readString(file)
    versions += text.count('v2.19.4')
    Files.writeString(file, text.replace('v2.19.4', 'v2.11.0'))
}
assert versions == 11 : 'the umbrella and its 5 subcharts name their version, and 5 values files their docker_tag'
fixture.edit(chart.resolve('Chart.yaml'),
        'description: A test chart for workflow-guard with the structure, value keys and object names of the Deis Workflow umbrella chart.',
        'description: A test chart for workflow-guard shaped like the Deis Workflow v2.11 umbrella chart (host ports on by default, no RBAC, no Grafana sign-up switch).')

// Host ports on by default, for every router port.
fixture.edit(chart.resolve('values.yaml'), '  host_port:\n    enabled: false\n', '  host_port:\n    enabled: true\n')
fixture.edit(chart.resolve('charts/router/values.yaml'), 'host_port:\n  enabled: false\n', 'host_port:\n  enabled: true\n')
fixture.edit(chart.resolve('charts/router/templates/router-deployment.yaml'), '            - containerPort: 2222\n',
        '            - containerPort: 2222\n              {{- if .Values.host_port.enabled }}\n              hostPort: 2222\n'
        + '              {{- end }}\n')

// No RBAC.
fixture.edit(chart.resolve('values.yaml'), '  # Role-Based Access Control for Kubernetes >= 1.5\n  use_rbac: false\n', '')
fixture.delete(chart.resolve('charts/controller/templates/controller-clusterrole.yaml'))

// Open registration, the default up to 2.11.
fixture.edit(chart.resolve('charts/controller/values.yaml'), 'registration_mode: "admin_only"\nglobal:\n  use_rbac: false\n',
        'registration_mode: "enabled"\n')

// No Grafana sign-up switch.
fixture.edit(chart.resolve('charts/monitor/charts/grafana/values.yaml'), 'allow_sign_up: "true"\n', '')
fixture.edit(chart.resolve('charts/monitor/charts/grafana/templates/monitor-grafana-deployment.yaml'),
        '            - name: "ALLOW_SIGN_UP"\n              value: {{ .Values.allow_sign_up | quote }}\n', '')
return true
