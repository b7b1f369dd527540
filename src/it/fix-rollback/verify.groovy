// values/base.yaml and values/prod.yaml each get one correction; prod.yaml is immutable (prebuild.groovy), so the
// kernel refuses to replace it even for root. Files are written in order, so base.yaml is written first:
// - the build fails with one line that names values/prod.yaml (never the temporary file) and the reason, and says that
//   values/base.yaml, already written, was restored;
// - both files are byte-identical to what they were, and no temporary file is left next to them;
// - the temporary file a killed run had left next to base.yaml was removed first, and the log says so.
String prod = new File(basedir, 'values/prod.yaml').path
try {
    String text = new File(basedir, 'build.log').getText('UTF-8')
    List<String> lines = text.readLines()
    assert lines.contains('[INFO] BUILD FAILURE')
    assert lines.contains('[WARNING] workflow-guard fix: removed values/.base.yaml.k1ll3d.workflow-fix.tmp, a temporary ' +
            'file an interrupted fix left behind (it may hold values and credentials)')
    assert lines.contains('[INFO] values/base.yaml: global.use_rbac set to true [rbac-disabled]')
    assert lines.contains('[INFO] values/prod.yaml: controller.registration_mode set to admin_only [open-registration]')
    List<String> failures = lines.findAll { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:') }
    assert failures.size() == 1
    assert failures[0].endsWith(':fix (default-cli) on project fix-rollback: workflow-guard fix: values/prod.yaml could ' +
            'not be written: Operation not permitted (an immutable or append-only file, see lsattr values/prod.yaml, ' +
            'fails this way); values/base.yaml, already written, was restored byte for byte: no file was changed; run ' +
            'the fix again -> [Help 1]')
    assert !lines.any { it.contains('workflow-fix.tmp') && !it.contains('removed values/.base.yaml.k1ll3d') }
    assert !lines.any { it =~ /^\s+at [\w.$]+\(/ || it.contains('Exception:') }
    assert !lines.any { it.contains('workflow-guard fix: changed') }

    ['base.yaml', 'prod.yaml'].each {
        assert new File(basedir, "values/$it").bytes == new File(basedir, "original/values/$it").bytes : "$it changed"
    }
    assert new File(basedir, 'values').list().sort() == ['base.yaml', 'prod.yaml']
} finally {
    Process process = new ProcessBuilder('chattr', '-i', prod).redirectErrorStream(true).start()
    String out = process.inputStream.text
    assert process.waitFor() == 0 : "chattr -i $prod failed: $out"
}
return true
