// The plugin under Maven 4 as well as under the Maven 3.9 that runs the ITs, for one project and for a multi-module build.
// Invocations 1 and 2 (invoker.properties) build this project with the ITs' Maven: values/prod.yaml fails on two errors,
// values/clean.yaml passes. This script then builds it the same two ways with Maven 4.0.0-rc-4 from Maven Central
// (downloaded once into the plugin build's target/maven4, checked against its SHA-512, reused on later runs), offline,
// with the ITs' settings and local repository, and asserts the same outcome: the same finding lines, summary, failure
// message and report.json, and no warning from Maven 4 about the plugin. The downloads (Maven 4 itself, and the plugins
// Maven 4 binds to a pom project, for the multi-module runs) are the only network access; if they fail, so does this IT.
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.security.MessageDigest
import java.util.concurrent.TimeUnit
import java.util.zip.ZipFile

String maven4Version = '4.0.0-rc-4'
String maven4Url = "https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$maven4Version/apache-maven-$maven4Version-bin.zip"
// From Central's apache-maven-4.0.0-rc-4-bin.zip.sha512.
String maven4Sha512 = 'f0fdf5078ee10f122081c581a040ee62d27e72ac203c2bb766e8898bd9848fc6a438fd261ce2a63fa0128ea8346a540ce9b753726e7978fd93a4e019c0a84168'

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def findings = { List<String> lines -> lines.findAll { findingLine.matcher(it).matches() } }
List<String> expected = [
    'values/prod.yaml:13:22 error open-registration',    //   registration_mode: "enabled"
    'values/prod.yaml:17:20 error grafana-signup',       //     allow_sign_up: yes
]
def ids = { List<String> lines -> findings(lines).collect { findingLine.matcher(it).with { m -> m.matches(); "${m.group(2)} ${m.group(3)} ${m.group(5)}".toString() } } }
String failSummary = '[ERROR] workflow-guard: 2 errors, 0 warnings, 0 info in 3 files checked (Workflow 2.19.0). ' +
        '2 findings can be corrected in the values files with `mvn workflow:fix`.'
String passSummary = '[INFO] workflow-guard: no findings in 3 files checked (Workflow 2.19.0).'
String failure = '[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:'
String failureText = ':check (default) on project maven4: workflow-guard: 2 findings at or above error: ' +
        'open-registration (1), grafana-signup (1). See the lines above and target/workflow/report.json.'

/** The checks both Mavens must pass; `lines` is one build's output. */
def checkBuild = { String who, List<String> lines, boolean failing ->
    assert lines.any { it ==~ /^\[INFO\] --- workflow:.*:check \(default\) @ maven4 ---$/ } : "$who: the check did not run"
    // Checked, not repeated from the record of an earlier build (up-to-date checking): each build's inputs differ.
    assert !lines.any { it.contains('nothing changed since the last check') } : "$who: the outcome was repeated"
    if (failing) {
        assert ids(lines) == expected : who
        assert lines.contains(failSummary) : who
        assert lines.contains('[INFO] BUILD FAILURE') : who
        assert lines.any { it.startsWith(failure) && it.contains(failureText) } : who
    } else {
        assert ids(lines).isEmpty() : who
        assert lines.contains(passSummary) : who
        assert lines.contains('[INFO] BUILD SUCCESS') : who
    }
    // Nothing else to warn about: no plugin validation issue, no deprecation, no stack trace.
    assert lines.findAll { it.startsWith('[WARNING]') }.isEmpty() : "$who: ${lines.findAll { it.startsWith('[WARNING]') }}"
    assert !lines.any { it.contains('Exception:') || it ==~ /^\s+at .*/ } : who
    return findings(lines)
}

// ---- Maven 3.9 (the ITs' Maven), invocations 1 and 2: one chunk per `-V` banner.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^(?=Apache Maven \d)/).findAll { it.startsWith('Apache Maven ') }*.readLines()
assert runs.size() == 2
runs.each { assert it[0].startsWith("Apache Maven $mavenVersion ") }
assert !mavenVersion.startsWith('4.')
List<String> maven3Findings = checkBuild("Maven $mavenVersion", runs[0], true)
checkBuild("Maven $mavenVersion", runs[1], false)

// ---- Maven 4: the distribution, downloaded once.
assert Runtime.version().feature() >= 17 : "Maven $maven4Version needs Java 17 or later; this is ${Runtime.version()}"
File cache = new File(basedir, '../../maven4').canonicalFile      // <plugin>/target/maven4 (the ITs run in target/it)
File zip = new File(cache, "apache-maven-$maven4Version-bin.zip")
File home = new File(cache, "apache-maven-$maven4Version")
File mvn = new File(home, 'bin/mvn')

def sha512 = { File file ->
    MessageDigest digest = MessageDigest.getInstance('SHA-512')
    file.withInputStream { input -> input.eachByte(1 << 16) { byte[] buffer, int length -> digest.update(buffer, 0, length) } }
    digest.digest().encodeHex().toString()
}
if (!mvn.isFile()) {
    cache.mkdirs()
    if (!zip.isFile() || sha512(zip) != maven4Sha512) {
        File part = new File(cache, zip.name + '.part')
        println "Downloading $maven4Url"
        try {
            URLConnection connection = new URL(maven4Url).openConnection()
            connection.connectTimeout = 30_000
            connection.readTimeout = 60_000
            connection.inputStream.withCloseable { input -> Files.copy(input, part.toPath(), StandardCopyOption.REPLACE_EXISTING) }
        } catch (IOException e) {
            part.delete()
            throw new AssertionError("The maven4 IT cannot download Maven $maven4Version from Maven Central ($maven4Url): " +
                    "$e. It needs this one download (or the zip placed at $zip); it does not skip.", e)
        }
        String actual = sha512(part)
        if (actual != maven4Sha512) {
            part.delete()
            throw new AssertionError("$maven4Url has SHA-512 $actual, not the published $maven4Sha512")
        }
        Files.move(part.toPath(), zip.toPath(), StandardCopyOption.REPLACE_EXISTING)
    }
    // Unpack next to the zip, then move into place: an interrupted run never leaves a half distribution behind.
    File unpacking = new File(cache, 'unpacking')
    unpacking.deleteDir()
    new ZipFile(zip).withCloseable { archive ->
        archive.entries().each { entry ->
            File target = new File(unpacking, entry.name).canonicalFile
            assert target.toPath().startsWith(unpacking.canonicalFile.toPath()) : "unsafe entry ${entry.name}"
            if (entry.directory) {
                target.mkdirs()
            } else {
                target.parentFile.mkdirs()
                archive.getInputStream(entry).withCloseable { input -> Files.copy(input, target.toPath()) }
            }
        }
    }
    new File(unpacking, "apache-maven-$maven4Version/bin").listFiles().each { it.setExecutable(true) }
    home.deleteDir()
    Files.move(new File(unpacking, "apache-maven-$maven4Version").toPath(), home.toPath())
    unpacking.deleteDir()
}
assert mvn.isFile() && mvn.canExecute()

// The settings and local repository the ITs use (invoker writes the interpolated settings next to the cloned ITs).
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
assert settings.isFile() : "no IT settings at $settings"
assert localRepositoryPath.isDirectory()

/**
 * Runs Maven 4 in this project (or in the folder given) and returns its output lines: offline, or, where Maven 4 needs
 * plugins no Maven 3 build of this project downloads, online without snapshot updates (-nsu), so that the plugin under
 * test is still the one in the ITs' local repository.
 */
def maven4 = { String name, List<String> arguments, File directory = basedir, boolean offline = true ->
    File log = new File(basedir, "${name}.log")
    List<String> command = [mvn.absolutePath, '-B', '-V', offline ? '-o' : '-nsu', '-s', settings.absolutePath,
            "-Dmaven.repo.local=${localRepositoryPath.absolutePath}".toString()] + arguments
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory).redirectErrorStream(true)
            .redirectOutput(log)
    Map<String, String> env = builder.environment()
    ['MAVEN_ARGS', 'MAVEN_OPTS', 'MAVEN_HOME', 'M2_HOME', 'MAVEN_CONFIG', 'GITHUB_ACTIONS'].each { env.remove(it) }
    env.JAVA_HOME = System.getProperty('java.home')
    env.MAVEN_OPTS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC'
    Process process = builder.start()
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly()
        throw new AssertionError("Maven $maven4Version did not finish in 300 s: ${command.join(' ')}; see $log")
    }
    List<String> lines = log.readLines('UTF-8')
    println "Maven $maven4Version ${arguments.join(' ')}: exit ${process.exitValue()} (${log.name})"
    [exit: process.exitValue(), lines: lines]
}

// ---- Maven 4, the failing values: the same findings, the same failure.
def failing = maven4('maven4-prod', ['verify'])
assert failing.lines[0].startsWith("Apache Maven $maven4Version ") : failing.lines.take(5)
assert failing.lines.contains("Maven home: ${home.absolutePath}".toString())
assert failing.exit == 1 : failing.lines.takeRight(30).join('\n')
assert checkBuild("Maven $maven4Version", failing.lines, true) == maven3Findings
def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.findings.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } == expected
assert report.summary == [error: 2, warning: 0, info: 0, files: 3, fixable: 2, suppressed: 0, baselined: 0, failed: true]
assert report.tool.version != 'unknown' : 'Maven 4 injects ${plugin.version}'

// ---- Maven 4, the clean values: the build passes.
def passing = maven4('maven4-clean', ['verify', '-Doverlay=clean'])
assert passing.lines[0].startsWith("Apache Maven $maven4Version ")
assert passing.exit == 0 : passing.lines.takeRight(30).join('\n')
checkBuild("Maven $maven4Version", passing.lines, false)
report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.findings == [] && report.summary.failed == false

// ---- Maven 4, a multi-module build (reactor/: a parent and aggregator that manages the plugin, cluster-prod with
// the failing values, cluster-clean with the clean ones): `mvn workflow:check` typed at the root runs the check for
// each cluster, fail-fast and with -T 2 -fae, as under Maven 3. Invoker filters only the POMs of this IT's own build,
// so the plugin's coordinates are written into the reactor's POMs here, from this IT's filtered pom.xml.
def plugin = new XmlSlurper().parse(new File(basedir, 'pom.xml')).build.plugins.plugin[0]
File reactor = new File(basedir, 'reactor')
['pom.xml', 'cluster-prod/pom.xml', 'cluster-clean/pom.xml'].each {
    File pom = new File(reactor, it)
    pom.text = pom.getText('UTF-8').replace('@project.groupId@', plugin.groupId.text())
            .replace('@project.artifactId@', plugin.artifactId.text()).replace('@project.version@', plugin.version.text())
}
['.', 'cluster-prod', 'cluster-clean'].each { new File(reactor, "$it/target").deleteDir() }
// Maven 4 takes the folder with .mvn as the build's root (else the topmost POM, this IT's own), as in a real repository.
new File(reactor, '.mvn').mkdirs()
String reactorFailure = ':check (default-cli) on project clusters: workflow-guard: workflow:check failed for 1 of 2 modules: ' +
        'cluster-prod: 2 findings at or above error: open-registration (1), grafana-signup (1). See the lines above and ' +
        'target/workflow/report.json.'
def checkReactor = { String who, List<String> lines, boolean failAtEnd ->
    assert lines.findAll { it ==~ /^\[INFO\] --- workflow:.*/ }.size() == 1 : who
    assert lines.any { it ==~ /^\[INFO\] --- workflow:.*:check \(default-cli\) @ clusters ---$/ } : who
    assert lines.contains('[INFO] workflow-guard: workflow:check runs for each module that declares the plugin: cluster-prod, '
            + 'cluster-clean' + (failAtEnd ? ' (2 at a time)' : '') + '. Maven\'s reactor summary lists them as SKIPPED '
            + 'because they are handled within this execution, at clusters.') : who
    assert lines.contains('[INFO] workflow-guard: workflow:check does not run for clusters: it manages the plugin in '
            + '<pluginManagement> but does not declare it in <build><plugins>.') : who
    assert lines.findAll { it.startsWith('[ERROR] [cluster-prod] ') && findingLine.matcher(it.replace('[cluster-prod] ', '')).matches() }
            .collect { it.replace('[cluster-prod] ', '') } == maven3Findings : who
    assert lines.contains('[ERROR] [cluster-prod] ' + failSummary.substring('[ERROR] '.length())) : who
    if (failAtEnd) {
        assert lines.contains('[INFO] [cluster-clean] ' + passSummary.substring('[INFO] '.length())) : who
        assert lines.contains('[ERROR] workflow-guard: workflow:check: cluster-prod failed, cluster-clean passed.') : who
    } else {
        assert !lines.any { it.contains('[cluster-clean]') } : who
        assert lines.contains('[ERROR] workflow-guard: workflow:check: cluster-prod failed, cluster-clean not run.') : who
    }
    assert lines.any { it.startsWith(failure) && it.contains(reactorFailure) } : who
    assert lines.contains('[INFO] BUILD FAILURE') : who
    assert lines.findAll { it.startsWith('[WARNING]') }.isEmpty() : "$who: ${lines.findAll { it.startsWith('[WARNING]') }}"
    assert !lines.any { it.contains('Exception:') || it ==~ /^\s+at .*/ } : who
}
// Online: to resolve the `workflow:` prefix at a root that only manages the plugin, Maven 4 first reads the descriptors
// of the plugins it binds to a pom project (clean 3.4.0, install 3.1.3, deploy 3.1.3, site 3.21.0), and warns when it
// cannot; Maven 3 binds other versions, so only Maven 4 can bring them into the ITs' local repository.
def reactorCheck = maven4('maven4-reactor', ['workflow:check'], reactor, false)
assert reactorCheck.exit == 1 : reactorCheck.lines.takeRight(30).join('\n')
checkReactor("Maven $maven4Version workflow:check", reactorCheck.lines, false)
def reactorParallel = maven4('maven4-reactor-parallel', ['-T', '2', '-fae', 'workflow:check',
        '-Dworkflow.upToDateChecking=false'], reactor, false)
assert reactorParallel.exit == 1 : reactorParallel.lines.takeRight(30).join('\n')
checkReactor("Maven $maven4Version -T 2 -fae workflow:check", reactorParallel.lines, true)
assert new JsonSlurper().parse(new File(reactor, 'cluster-prod/target/workflow/report.json')).summary.failed == true
assert new JsonSlurper().parse(new File(reactor, 'cluster-clean/target/workflow/report.json')).summary.failed == false
assert !new File(reactor, 'target/workflow').exists()
return true
