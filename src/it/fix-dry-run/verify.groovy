// `workflow:fix -Dworkflow.dryRun=true` on a git repo with two values files (base.yaml: LF; prod.yaml: CRLF + BOM):
// - every input file is byte-identical afterwards and git sees no change; nothing but target/workflow/ was written;
// - the patch it prints is the patch it writes to target/workflow/fix.patch, with paths from the repository root;
// - `git apply --check` and `git apply` accept that patch in a fresh clone, and the patched files are byte-for-byte
//   what the real fix (invocation 2, same options, on a copy in real/) writes;
// - what the dry run says would remain is what the real run says remains.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2
runs.each { assert it.contains('[INFO] BUILD SUCCESS') }
List<String> files = ['base.yaml', 'prod.yaml']

def git = { File dir, String... args ->
    Process process = new ProcessBuilder(['git', '-c', 'core.autocrlf=false', *args]).directory(dir)
            .redirectErrorStream(true).start()
    String out = process.inputStream.text
    assert process.waitFor() == 0 : "git ${args.join(' ')} failed: $out"
    out
}

// ---- 1: the dry run wrote nothing.
files.each { assert new File(basedir, "values/$it").bytes == new File(basedir, "original/values/$it").bytes : "$it changed" }
assert new File(basedir, 'values').list().sort() == files : 'a temporary or backup file was left next to the values'
assert git(basedir, 'status', '--porcelain', '--', 'values') == ''
List<String> dry = runs[0]
assert dry.contains('[INFO] values/base.yaml: controller.registration_mode set to admin_only [open-registration]')
assert dry.contains('[INFO] values/prod.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.protocols" set to "TLSv1.2 TLSv1.3" [tls-legacy-protocols]')
assert dry.contains('[INFO] workflow-guard fix (dry run): would change 2 files (4 values); nothing was written. '
        + 'Patch: target/workflow/fix.patch')
assert !dry.any { it.contains('workflow-guard fix: changed') }

// ---- The patch file, and the same patch in the log (the log has no CR, and no line-ending marks).
File patch = new File(basedir, 'target/workflow/fix.patch')
assert patch.isFile()
String patchText = patch.getText('UTF-8')
int from = dry.indexOf('[INFO] workflow-guard fix (dry run): this patch would be applied:')
int to = dry.findIndexOf { it.startsWith('[INFO] workflow-guard fix (dry run): would change ') }
assert from >= 0 && to > from
assert dry.subList(from + 1, to).collect { it.substring('[INFO] '.length()) } ==
        patchText.split('\n', -1).dropRight(1).collect { it.endsWith('\r') ? it[0..-2] : it }
assert patchText.startsWith('diff --git a/values/base.yaml b/values/base.yaml\n--- a/values/base.yaml\n+++ b/values/base.yaml\n@@ ')
assert patchText.contains('\ndiff --git a/values/prod.yaml b/values/prod.yaml\n--- a/values/prod.yaml\n+++ b/values/prod.yaml\n@@ -1,')
// prod.yaml's hunk starts at line 1: its context carries the BOM, and its lines keep their CR.
assert patchText.contains('\n \uFEFF# Production overlay, edited on Windows (CRLF line endings, a UTF-8 BOM)\r\n')
assert patchText.contains('\n-    router.deis.io/nginx.ssl.protocols: "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3"   # until the last Java 7 client is gone\r\n'
        + '+    router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"   # until the last Java 7 client is gone\r\n')
assert patchText.contains('\n-  registration_mode: "enabled"\n+  registration_mode: "admin_only"\n')

// ---- git apply accepts the patch in a fresh clone of the repo, and gives what the real fix wrote.
File clone = new File(basedir, 'target/apply-clone')
clone.deleteDir()
git(basedir, 'clone', '-q', '--no-hardlinks', basedir.absolutePath, clone.absolutePath)
git(clone, 'apply', '--check', patch.absolutePath)
git(clone, 'apply', patch.absolutePath)
files.each {
    byte[] patched = new File(clone, "values/$it").bytes
    assert patched != new File(basedir, "original/values/$it").bytes
    assert patched == new File(basedir, "real/$it").bytes : "the patched $it differs from what the real fix wrote"
}
assert git(clone, 'diff', '--stat').readLines().collect { it.trim().replaceAll(/\s+/, ' ') } == [
    'values/base.yaml | 2 +-', 'values/prod.yaml | 4 +++-', '2 files changed, 4 insertions(+), 2 deletions(-)']

// ---- 2: the real fix made the same edits and leaves the same findings (its files are in real/, not values/).
List<String> real = runs[1]
assert real.contains('[INFO] workflow-guard fix: changed 2 files (4 values).')
def after = { List<String> lines, String prefix ->
    lines.findAll { it ==~ /^\[(INFO|WARNING|ERROR)\] ${prefix}\/.*/ }.collect { it.replace("${prefix}/", '<dir>/') }
}
assert after(dry, 'values') == after(real, 'real')
// Workflow 2.11 has no global.use_rbac (it appears in 2.15): base.yaml's use_rbac: false stays, as a warning to upgrade.
assert dry.contains('[INFO] workflow-guard: 3 findings remain after this patch; each needs a person:')
assert real.contains('[INFO] workflow-guard: 3 findings remain; each needs a person:')
return true
