// Before the build: no output of an earlier run, a byte-exact copy of the values for verify.groovy, the test chart
// in charts/workflow with the router template's port-80 condition reading a field of a boolean (line 34: an execution
// error), and syntax-error/workflow: a copy of that chart whose router template leaves an action unclosed on line 8.
import java.nio.file.Files
import java.nio.file.Path

Path base = basedir.toPath()
['original', 'target', 'syntax-error'].each { base.resolve(it).toFile().deleteDir() }
Files.createDirectories(base.resolve('original'))
Files.copy(base.resolve('values/values.yaml'), base.resolve('original/values.yaml'))

def fixture = new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy'))
Path chart = fixture.copyTo('charts/workflow')
fixture.edit(chart.resolve('charts/router/templates/router-deployment.yaml'),
        '- containerPort: 8080\n              {{- if .Values.host_port.enabled }}',
        '- containerPort: 8080\n              {{- if .Values.host_port.enabled.nope }}')

Path copy = base.resolve('syntax-error/workflow')
Files.walk(chart).filter { Files.isRegularFile(it) }.each { Path file ->
    Path target = copy.resolve(chart.relativize(file).toString())
    Files.createDirectories(target.parent)
    Files.copy(file, target)
}
Path router = copy.resolve('charts/router/templates/router-deployment.yaml')
List<String> lines = Files.readAllLines(router)
assert lines[7] == '    component.deis.io/version: {{ .Values.docker_tag }}'
lines[7] = '    component.deis.io/version: {{ .Values.docker_tag'
Files.write(router, lines)
return true
