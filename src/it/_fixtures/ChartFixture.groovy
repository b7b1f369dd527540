// What the ITs that render the Workflow test chart share: the chart (charts/workflow next to this file, with the
// structure, value keys and object names of the Deis Workflow v2.19.4 umbrella chart), copied into each IT by its
// prebuild.groovy, which then makes the IT's own deliberate changes; and the checks every chart IT's verify.groovy
// makes. A hook script loads it with its own variables (basedir, and `fixtures`: this folder, set in pom.xml):
//
//     def chart = new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy'))
//     chart.copyTo('charts/workflow')
import java.nio.file.Files
import java.nio.file.Path

/** Copies the test chart to a folder of the IT (replacing what an earlier run left there) and returns that folder. */
Path copyTo(String folder) {
    Path source = new File(fixtures, 'charts/workflow').toPath()
    Path target = basedir.toPath().resolve(folder)
    target.toFile().deleteDir()
    Files.walk(source).filter { Files.isRegularFile(it) }.each { Path file ->
        Path copy = target.resolve(source.relativize(file).toString())
        Files.createDirectories(copy.parent)
        Files.copy(file, copy)
    }
    target
}

/** Replaces text that the file holds exactly once (so a change to the shared chart cannot silently void the edit). */
void edit(Path file, String text, String replacement) {
    String content = Files.readString(file)
    assert content.count(text) == 1 : "${file}: expected ${text.inspect()} exactly once"
    Files.writeString(file, content.replace(text, replacement))
}

/** Deletes a file of the copied chart, which must exist. */
void delete(Path file) {
    assert Files.deleteIfExists(file) : "${file} does not exist"
}

/** The parenthesised clauses of a message, outermost only: "a (b (c)) d (e)" has "(b (c))" and "(e)". */
List<String> clauses(String message) {
    List<String> found = []
    int depth = 0
    int open = -1
    message.eachWithIndex { String c, int i ->
        if (c == '(' && depth++ == 0) {
            open = i
        } else if (c == ')' && depth > 0 && --depth == 0) {
            found << message.substring(open, i + 1)
        }
    }
    found
}

/**
 * No message says the same parenthesised clause twice ("(rendered into Deployment/deis-router by …)" once per host
 * port was the bug this guards).
 */
void assertNoClauseTwice(Collection<String> messages) {
    messages.each { assert clauses(it).size() == clauses(it).toSet().size() : it }
}
