// The plugin as users get it: Maven resolves one artifact for it (SnakeYAML and jackson-core are inside the jar,
// relocated), and the installed POM names nothing Maven would have to resolve or read on every build.
import java.util.zip.ZipFile

List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')
int realm = lines.findIndexOf { it.contains('Populating class realm plugin>dev.workflowguard:workflow-maven-plugin:') }
assert realm >= 0
List<String> included = lines.drop(realm + 1).takeWhile { it.startsWith('[DEBUG]   Included: ') }
assert included.size() == 1 : included
assert included[0] ==~ /\[DEBUG\]   Included: dev\.workflowguard:workflow-maven-plugin:jar:.*/
assert lines.contains('[INFO] BUILD SUCCESS')
assert new File(basedir, 'target/workflow/report.json').isFile()

File installed = new File(localRepositoryPath, 'dev/workflowguard/workflow-maven-plugin')
File versionDir = installed.listFiles().find { it.isDirectory() }
File pom = versionDir.listFiles().find { it.name.endsWith('.pom') }
def project = new groovy.xml.XmlSlurper().parse(pom)
// Only what its users' Maven reads: no dependency, no build, no profile, no BOM to import.
assert project.dependencies.dependency.size() == 0 : project.dependencies.dependency*.artifactId*.text()
assert project.build.size() == 0 && project.profiles.size() == 0 && project.dependencyManagement.size() == 0
assert project.prerequisites.maven.text() && project.licenses.license.name.text() == 'Apache-2.0'

File jar = versionDir.listFiles().find { it.name.endsWith('.jar') && !it.name.contains('original') }
new ZipFile(jar).withCloseable { zip ->
    List<String> names = zip.entries().collect { it.name }
    assert names.contains('dev/workflowguard/internal/snakeyaml/composer/Composer.class')
    assert names.contains('dev/workflowguard/internal/jackson/core/JsonFactory.class')
    // Not relocated, only where the code is: a dependency scanner still finds both libraries and their versions.
    assert names.contains('META-INF/maven/org.yaml/snakeyaml/pom.properties')
    assert names.contains('META-INF/maven/com.fasterxml.jackson.core/jackson-core/pom.properties')
    assert names.contains('META-INF/LICENSE') && names.contains('META-INF/NOTICE')
    assert !names.any { it.startsWith('org/yaml/') || it.startsWith('com/fasterxml/') || it.endsWith('module-info.class') }
}
return true
