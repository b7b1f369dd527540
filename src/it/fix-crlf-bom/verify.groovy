// A values file edited on Windows: UTF-8 BOM, CRLF line endings, non-ASCII text before and after the edits, single-
// and double-quoted values with comments after them. After `workflow:fix` only the corrected lines differ: the BOM is
// still there (once), every line still ends with CRLF (the inserted ones too), quotes and comments are kept, and the
// file is byte-for-byte expected/values.yaml. Check then fails only on the two items that need a person.
byte[] BOM = [0xEF, 0xBB, 0xBF] as byte[]
byte[] before = new File(basedir, 'original/values/values.yaml').bytes  // copied by prebuild.groovy
byte[] after = new File(basedir, 'values/values.yaml').bytes

/** True when the bytes start with a BOM, hold no other one, and every line break is CRLF (no bare LF or CR). */
def windowsText = { byte[] bytes ->
    String text = new String(bytes, 'UTF-8')
    bytes.length > 3 && Arrays.equals(Arrays.copyOf(bytes, 3), BOM) && text.indexOf('\uFEFF', 1) < 0 &&
            text.endsWith('\r\n') && !(text =~ /[^\r]\n|\r[^\n]/).find()
}
// The input really is a CRLF + BOM file (.gitattributes keeps git from normalising it).
assert windowsText(before) : 'the committed input lost its BOM or CRLF line endings'
assert windowsText(after) : 'the fix lost the BOM or wrote a line ending other than CRLF'
assert after == new File(basedir, 'expected/values.yaml').bytes

// Only the intended lines differ (compared with their CR: a line ending change would show).
List<String> a = new String(before, 'UTF-8').split('\n', -1) as List
List<String> b = new String(after, 'UTF-8').split('\n', -1) as List
assert a[0].startsWith('\uFEFF# Zürich cluster — production values')
List<String> inserted = [
    '    router.deis.io/nginx.defaultWhitelist: "10.0.0.0/8,192.168.0.0/16"\r',
    '    router.deis.io/nginx.ssl.enforce: "true"\r',
    'monitor:\r',                         // no monitor: mapping at all: created with the file's indent and line ending
    '  grafana:\r',
    '    allow_sign_up: "false"\r',
]
inserted.each { assert b.remove(it) : "inserted line missing: $it" }
assert a.size() == b.size()
Map<String, String> changed = a.indices.findAll { a[it] != b[it] }.collectEntries { [a[it], b[it]] }
assert changed == [
    '  use_rbac: False\r': '  use_rbac: true\r',
    "  registration_mode: 'enabled' # « open for the pilot »\r": "  registration_mode: 'admin_only' # « open for the pilot »\r",
    '    router.deis.io/nginx.ssl.protocols: "TLSv1 TLSv1.1 TLSv1.2"\r': '    router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"\r',
]

List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')
assert lines.contains('[INFO] values/values.yaml: controller.registration_mode set to admin_only [open-registration]')
assert lines.contains('[INFO] workflow-guard fix: changed 1 file (6 values).')
assert lines.contains('[INFO] workflow-guard: 2 findings remain; each needs a person:')
// The re-check's positions are those of the corrected text (monitor.grafana is now on line 23).
assert lines.count { it.startsWith('[ERROR] values/values.yaml:15:1: error: the stock Workflow chart runs one deis-router pod') } == 2
assert lines.count { it.startsWith('[ERROR] values/values.yaml:23:3: error: monitor.grafana.password is not set; ') } == 2
assert lines.contains('[ERROR] workflow-guard: 2 errors, 0 warnings, 0 info in 1 file checked (Workflow 2.19.0).')
assert lines.contains('[INFO] BUILD FAILURE')
return true
