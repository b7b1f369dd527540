// Before the build: the overlay as committed, to compare with what workflow:fix writes; and the test chart in
// charts/workflow, made a fork whose router exposes its replica count (router.replicas, default 1).
import java.nio.file.Path

File original = new File(basedir, 'original')
original.mkdirs()
new File(original, 'prod.yaml').bytes = new File(basedir, 'values/prod.yaml').bytes

def fixture = new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy'))
Path chart = fixture.copyTo('charts/workflow')
fixture.edit(chart.resolve('Chart.yaml'),
        'description: A test chart for workflow-guard with the structure, value keys and object names of the Deis Workflow umbrella chart.',
        'description: A test chart for workflow-guard shaped like a fork of the Workflow umbrella chart whose router exposes its replica count.')
fixture.edit(chart.resolve('charts/router/Chart.yaml'),
        'description: Deis Workflow router (test copy)', 'description: Workflow router, forked to expose replicas (test copy)')
fixture.edit(chart.resolve('charts/router/templates/router-deployment.yaml'),
        '  replicas: 1\n', '  replicas: {{ .Values.replicas }}\n')
fixture.edit(chart.resolve('charts/router/values.yaml'), 'dhparam: ""\n', 'dhparam: ""\n'
        + '# How many router pods to run (this fork exposes it; the stock chart hard-codes 1).\nreplicas: 1\n')
return true
