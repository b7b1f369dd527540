// Before the build: no output of an earlier run, and the test chart in charts/workflow.
new File(basedir, 'target').deleteDir()
new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy')).copyTo('charts/workflow')
return true
