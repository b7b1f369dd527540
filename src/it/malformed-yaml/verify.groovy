// Malformed YAML: BUILD FAILURE whose message names file:line:col, the parser's problem in words and the parameter
// the file came through; no Java stack trace anywhere in build.log; no finding lines and no report.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<String> lines = text.readLines()
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2

// 1: values/prod.yaml line 4 indents `use_rbac:` one space too far; the parser stops at its colon.
assert runs[0].contains('[INFO] BUILD FAILURE')
assert runs[0].any { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:') &&
        it.contains(':check (default) on project malformed-yaml: ' +
                'values/prod.yaml:4:12: mapping values are not allowed here [parameter valuesFiles / workflow.values]') }

// 2: rendered/router/router.yaml opens a quote at 8:39 and never closes it.
assert runs[1].contains('[INFO] BUILD FAILURE')
assert runs[1].any { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:') &&
        it.contains(':check (default-cli) on project malformed-yaml: rendered/router/router.yaml:11:1: found unexpected ' +
                'end of stream (while scanning a quoted scalar that started at 8:39) [parameter manifests / workflow.manifests]') }

// No stack trace: neither the plugin's nor SnakeYAML's nor Maven's.
assert !lines.any { it ==~ /^\s+at [\w$.]+\(.*\)$/ || it ==~ /^\s+at [\w$.]+ \(.*\)$/ } : 'stack trace frame in build.log'
assert !lines.any { it.contains('at dev.workflowguard') || it.contains('at org.yaml.snakeyaml') }
assert !lines.any { it.contains('Exception:') || it.startsWith('Caused by') || it.contains('\tat ') }
assert !lines.any { it.contains('YamlException') || it.contains('InputException') || it.contains('MarkedYAMLException') }
// The file's content is never echoed (it may hold a secret), and nothing is reported as a finding.
assert !lines.any { it.contains('use_rbac: true') || it.contains('nginx.ssl.enforce: "true') }
assert !lines.any { it ==~ /^\[(ERROR|WARNING|INFO)\] \S+:\d+:\d+: (error|warning|info): .*/ }
assert !new File(basedir, 'target/workflow/report.json').exists()
return true
