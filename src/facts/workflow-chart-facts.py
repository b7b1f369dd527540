#!/usr/bin/env python3
"""Build the table of chart facts for every Deis / Hephy Workflow release (issue 16).

Usage:
    python3 src/facts/workflow-chart-facts.py [--repos DIR] [--cache DIR] [--out DIR] [--check]

Reads only public release tags:
  * the umbrella chart: deis/workflow (Deis v2.8.0 - v2.18.0), teamhephy/workflow (Hephy v2.19.0 on);
    Deis v2.0.0 - v2.7.0 were Helm Classic charts in deis/charts (`workflow-vX.Y.Z/` at tag vX.Y.Z);
  * the component pins: the Helm Classic parameters (v2.0.0 - v2.8.0), then the umbrella's
    src/changelogs/vX.Y.Z.md "#### Releases" sections, chained release after release;
  * each component repository's charts/<chart>/ at the tag the release pinned;
  * the Grafana image's grafana.ini template in the monitor repository at the pinned tag.

--repos DIR   read repositories from DIR/<owner>+<name>/repo or DIR/<owner>+<name> (bare or not)
              instead of cloning them from https://github.com/<owner>/<name> into --cache
--cache DIR   where clones go (default: ~/.cache/workflow-chart-facts)
--out DIR     where the table goes (default: the resource folder in this repository): an index,
              workflow-releases.yaml, and one file per release, releases/<version>.yaml, so that a check
              reads only the release it needs
--check       regenerate in memory; exit 1 if the committed files differ

Needs Python 3.11+ (tomllib, standard library only) and git on PATH. See docs/chart-facts.md.
"""

import argparse
import difflib
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "src/main/resources/dev/workflowguard/facts"
INDEX = "workflow-releases.yaml"
HISTORY = "key-history.yaml"

DEIS_UMBRELLA = "deis/workflow"
HEPHY_UMBRELLA = "teamhephy/workflow"
CLASSIC_CHARTS = "deis/charts"
UMBRELLA_DIR = "charts/workflow"
# The last Deis release; later tags come from the Hephy fork. teamhephy/workflow moved its own
# v2.18.0 tag to a 2018 commit, so Deis releases are always read from deis/workflow.
LAST_DEIS = (2, 18, 0)
# Deis v2.0.0 - v2.7.0 shipped only as Helm Classic charts; v2.8.0 is the first Helm 2 umbrella.
FIRST_HELM2 = (2, 8, 0)

# Chart name -> component repository name, where they differ (deisrel map.json, jenkins-jobs repo.groovy).
REPO_OF_CHART = {"database": "postgres", "nsqd": "nsq"}
# Changelog names that are not charts of the umbrella.
NOT_CHARTS = {"charts", "workflow", "workflow-cli", "workflow-e2e"}
# Helm Classic parameter sections -> (chart, sub-subchart); the monitor images became monitor's subcharts.
CLASSIC_SECTIONS = {
    "builder": ("builder", None), "slugbuilder": ("slugbuilder", None),
    "dockerbuilder": ("dockerbuilder", None), "controller": ("controller", None),
    "slugrunner": ("slugrunner", None), "database": ("database", None), "fluentd": ("fluentd", None),
    "loggerRedis": ("redis", None), "logger": ("logger", None), "minio": ("minio", None),
    "nsqd": ("nsqd", None), "registry": ("registry", None), "registry_proxy": ("registry-proxy", None),
    "registry_token_refresher": ("registry-token-refresher", None), "router": ("router", None),
    "workflowManager": ("workflow-manager", None),
    "grafana": ("monitor", "grafana"), "influxdb": ("monitor", "influxdb"), "telegraf": ("monitor", "telegraf"),
}

# Every values key a rule reads (src/main/java/dev/workflowguard/rules: ValuesKey.of / .pattern
# declarations and docs/rules/*.md). Patterns with `*` are expanded against each release's values.
RULE_KEYS = [
    "global.storage",
    "s3.accesskey", "s3.secretkey", "s3.region", "s3.registry_bucket", "s3.database_bucket", "s3.builder_bucket",
    "gcs.key_json", "gcs.registry_bucket", "gcs.database_bucket", "gcs.builder_bucket",
    "azure.accountname", "azure.accountkey",
    "azure.registry_container", "azure.database_container", "azure.builder_container",
    "swift.username", "swift.password", "swift.authurl", "swift.authversion", "swift.tenant",
    "swift.registry_container", "swift.database_container", "swift.builder_container",
    "controller.registration_mode",
    "monitor.grafana.allow_sign_up", "monitor.grafana.user", "monitor.grafana.password",
    "monitor.influxdb.password", "database.password", "database.postgres.password", "redis.password",
    "registry-token-refresher.*.password", "registry-token-refresher.*.secretkey",
    "global.grafana_location", "global.influxdb_location", "global.logger_redis_location",
    "global.database_location", "global.registry_location",
    "router.deployment_annotations", "router.service_annotations", "router.host_port.enabled",
    "router.replicas", "router.replica_count", "router.platform_domain",
    "global.use_rbac", "global.experimental_native_ingress", "global.native_ingress",
]
# The rendered objects the rules read, and what is read of each.
RENDERED = {"deis-controller": "env", "deis-monitor-grafana": "env", "deis-router": "annotations"}
# The annotation that marks a Secret holding object storage settings, and the backends whose settings it reads.
STORAGE_ANNOTATION = "deis.io/objectstorage"
STORAGE_BACKENDS = ("s3", "gcs", "azure", "swift")
# Grafana settings the rules care about; the image's own default counts when the chart sets no env var.
GRAFANA_IMAGE_ENV = {"ALLOW_SIGN_UP", "DEFAULT_USER", "DEFAULT_USER_PASSWORD"}
GRAFANA_INI = "grafana/rootfs/usr/share/grafana/grafana.ini.tpl"

VERSION_TAG = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")


def fail(message):
    sys.exit(f"workflow-chart-facts: {message}")


# ---------------------------------------------------------------- git access


class Repos:
    """Finds or clones the repositories and answers questions about their tags and files."""

    def __init__(self, repos_dir, cache_dir):
        self.repos_dir = Path(repos_dir) if repos_dir else None
        self.cache_dir = Path(cache_dir)
        self.paths = {}
        self.memo = {}

    def path(self, repo):
        if repo not in self.paths:
            self.paths[repo] = self._locate(repo)
        return self.paths[repo]

    def _locate(self, repo):
        name = repo.replace("/", "+")
        if self.repos_dir:
            for candidate in (self.repos_dir / name / "repo", self.repos_dir / name):
                if candidate.is_dir():
                    return candidate
            fail(f"{repo} is not in {self.repos_dir} (expected {name}/repo or {name})")
        target = self.cache_dir / name
        if not target.is_dir():
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            # Bare mirror clone: all tags, no work tree; the script only reads objects.
            run(["git", "clone", "--quiet", "--mirror", f"https://github.com/{repo}", str(target)])
        return target

    def git(self, repo, *args, check=True):
        key = (repo, args)
        if key not in self.memo:
            result = subprocess.run(["git", "-C", str(self.path(repo)), *args], capture_output=True, text=True)
            if result.returncode != 0 and check:
                fail(f"git {' '.join(args)} in {repo}: {result.stderr.strip()}")
            self.memo[key] = result.stdout if result.returncode == 0 else None
        return self.memo[key]

    def release_tags(self, repo):
        """vX.Y.Z tags (final releases only) as {version tuple: tag}."""
        tags = {}
        for tag in self.git(repo, "tag", "--list", "v*").split():
            match = VERSION_TAG.match(tag)
            if match:
                tags[tuple(int(part) for part in match.groups())] = tag
        return tags

    def commit(self, repo, ref):
        out = self.git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
        return out.strip() if out else None

    def date(self, repo, commit):
        return self.git(repo, "show", "-s", "--format=%cs", commit).strip()

    def show(self, repo, commit, path):
        """A file's text at a commit, or None when it is not there."""
        return self.git(repo, "show", f"{commit}:{path}", check=False)

    def files(self, repo, commit, directory):
        out = self.git(repo, "ls-tree", "-r", "--name-only", commit, "--", directory, check=False)
        return sorted(out.split("\n")) if out else []

    def head(self, repo):
        return self.commit(repo, "HEAD")


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"{' '.join(command)}: {result.stderr.strip()}")


def version_text(version):
    return ".".join(str(part) for part in version)


# ---------------------------------------------------------------- a small YAML reader
# Helm values files use a small part of YAML: block mappings, block sequences, plain and quoted
# scalars, empty flow collections, block scalars and comments. PyYAML is not in the standard
# library, so this reads exactly that part and fails loudly on anything else.

class Scalar:
    """A scalar as written: its text and whether it was quoted (quoting changes Helm's rendering)."""

    def __init__(self, text, quoted):
        self.text, self.quoted = text, quoted

    def __repr__(self):
        return f"Scalar({self.text!r}, {self.quoted})"


def strip_comment(line):
    quote = None
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'" and (index == 0 or line[index - 1] in " :-[{,"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index].rstrip()
    return line.rstrip()


def parse_scalar(text, where):
    text = text.strip()
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text[0] == '"':
        if not text.endswith('"') or len(text) < 2:
            fail(f"{where}: unterminated string {text}")
        escapes = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "/": "/"}
        return Scalar(re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), m.group(0)), text[1:-1]), True)
    if text[0] == "'":
        return Scalar(text[1:-1].replace("''", "'"), True)
    if text in ("{}", "[]"):
        return {} if text == "{}" else []
    if text[0] in "{[&*!|>":
        fail(f"{where}: unsupported YAML {text}")
    return Scalar(text, False)


def parse_yaml(text, where):
    """Parse a values file into dicts, lists and Scalars (None for null)."""
    lines = []
    raw = text.split("\n")
    index = 0
    while index < len(raw):
        line = raw[index].replace("\t", "  ")
        index += 1
        if line.strip() in ("---", "...") or not strip_comment(line).strip():
            continue
        content = strip_comment(line)
        indent = len(content) - len(content.lstrip())
        stripped = content.strip()
        if re.search(r":\s+[|>][-+]?$", stripped):
            # Block scalar: its text is never a rule key's default we need exactly; keep it joined.
            body = []
            while index < len(raw) and (not raw[index].strip() or
                                        len(raw[index]) - len(raw[index].lstrip()) > indent):
                body.append(raw[index].strip())
                index += 1
            key = stripped[:stripped.index(":")]
            lines.append((indent, f"{key}: {quote_block(' '.join(body).strip())}"))
            continue
        lines.append((indent, stripped))
    value, rest = parse_block(lines, 0, where)
    if rest < len(lines):
        fail(f"{where}: cannot read the line '{lines[rest][1]}'")
    return value if value is not None else {}


def quote_block(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


MAPPING_LINE = re.compile(r'^("[^"]*"|\'[^\']*\'|[^\s"\'#][^:]*?)\s*:(\s+(.*))?$')


def parse_block(lines, start, where):
    """Parse the block starting at lines[start]; returns (value, next line index)."""
    if start >= len(lines):
        return None, start
    indent, text = lines[start]
    if text.startswith("- ") or text == "-":
        return parse_sequence(lines, start, indent, where)
    if MAPPING_LINE.match(text):
        return parse_mapping(lines, start, indent, where)
    return parse_scalar(text, where), start + 1


def parse_mapping(lines, start, indent, where):
    result = {}
    index = start
    while index < len(lines) and lines[index][0] == indent:
        match = MAPPING_LINE.match(lines[index][1])
        if not match or lines[index][1].startswith("- "):
            break
        key = match.group(1).strip("\"'")
        value_text = match.group(3)
        index += 1
        if value_text:
            result[key] = parse_scalar(value_text, where)
        elif index < len(lines) and (lines[index][0] > indent or
                                     (lines[index][0] == indent and lines[index][1].startswith("- "))):
            result[key], index = parse_block(lines, index, where)
        else:
            result[key] = None
    return result, index


def parse_sequence(lines, start, indent, where):
    items = []
    index = start
    while index < len(lines) and lines[index][0] == indent and lines[index][1].startswith("-"):
        item_text = lines[index][1][1:].strip()
        if not item_text:
            item, index = parse_block(lines, index + 1, where)
        elif MAPPING_LINE.match(item_text) and not item_text.startswith(("\"", "'")):
            # "- key: value" starts a mapping indented by the dash's width.
            nested = [(indent + 2, item_text)]
            index += 1
            while index < len(lines) and lines[index][0] > indent:
                nested.append(lines[index])
                index += 1
            item, _ = parse_block(nested, 0, where)
        else:
            item, index = parse_scalar(item_text, where), index + 1
        items.append(item)
    return items, index


def helm_text(value):
    """A default as Helm renders it, written as a string; None for null."""
    if value is None:
        return None
    if isinstance(value, Scalar):
        if not value.quoted and value.text.lower() in ("true", "yes", "on"):
            return "true"
        if not value.quoted and value.text.lower() in ("false", "no", "off"):
            return "false"
        return value.text
    if isinstance(value, list):
        return "[" + ", ".join(str(helm_text(item)) for item in value) + "]"
    return "{" + ", ".join(f"{key}: {helm_text(value[key])}" for key in sorted(value)) + "}"


def merge(base, over):
    """Helm's coalescing of two values trees: maps merge deeply, the second wins otherwise."""
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = merge(base.get(key), value) if key in base else value
        return merged
    return over if over is not None or not isinstance(base, dict) else base


def lookup(tree, path):
    """(found, value) for a dotted path in a values tree."""
    node = tree
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


# ---------------------------------------------------------------- templates

VALUES_REF = re.compile(r"\$?\.Values\.([A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_])")
LITERAL = r'("[^"]*"|\'[^\']*\'|[A-Za-z0-9_.-]+)'
DEFAULT_BEFORE = re.compile(r"\bdefault\s+" + LITERAL + r"\s+\$?\.Values\.([A-Za-z0-9_.-]+[A-Za-z0-9_])")
DEFAULT_AFTER = re.compile(r"\$?\.Values\.([A-Za-z0-9_.-]+[A-Za-z0-9_])\s*\|\s*default\s+" + LITERAL)


def literal_text(literal):
    return literal[1:-1] if literal[0] in "\"'" else literal


def template_keys(text, prefix):
    """{umbrella path: template default or None} for every .Values key a template reads."""
    keys = {}
    for match in VALUES_REF.finditer(text):
        keys.setdefault(umbrella_path(prefix, match.group(1)), None)
    for literal, path in DEFAULT_BEFORE.findall(text):
        keys[umbrella_path(prefix, path)] = literal_text(literal)
    for path, literal in DEFAULT_AFTER.findall(text):
        keys[umbrella_path(prefix, path)] = literal_text(literal)
    return keys


def umbrella_path(prefix, path):
    # A subchart sees `global` as the umbrella's `global`; everything else lives under its chart name.
    if path == "global" or path.startswith("global.") or not prefix:
        return path
    return f"{prefix}.{path}"


def documents(text):
    return re.split(r"(?m)^---\s*$", text)


def object_of(document):
    """(kind, metadata.name) of a manifest template, when both are literal."""
    kind = re.search(r"(?m)^kind:\s*(\S+)\s*$", document)
    name = re.search(r"(?m)^metadata:\s*\n(?:(?:\s{2,}.*|\{\{.*)\n)*?\s{2}name:\s*\"?([\w.-]+)\"?\s*$", document)
    return (kind.group(1), name.group(1)) if kind and name else (None, None)


def block_lines(lines, start, indent):
    """The lines below lines[start] that are more indented than `indent` (template directives included)."""
    body = []
    for line in lines[start + 1:]:
        if not line.strip() or line.strip().startswith(("{{", "#")):
            body.append(line)
            continue
        depth = len(line) - len(line.lstrip())
        # YAML lets a block sequence sit at its key's own indentation (`env:` then `- name:`).
        if depth < indent or (depth == indent and not line.lstrip().startswith("- ")):
            break
        body.append(line)
    return body


def env_names(document):
    """Container env var names the template sets literally."""
    lines = document.split("\n")
    names = set()
    for index, line in enumerate(lines):
        match = re.match(r"^(\s*)env:\s*$", line)
        if not match:
            continue
        for item in block_lines(lines, index, len(match.group(1))):
            entry = re.match(r'^\s*- name:\s*["\']?([A-Za-z_][A-Za-z0-9_]*)["\']?\s*$', item)
            if entry:
                names.add(entry.group(1))
    return sorted(names)


def annotation_keys(document):
    """Literal annotation keys under the object's own metadata (not the pod template's)."""
    lines = document.split("\n")
    in_metadata = False
    for index, line in enumerate(lines):
        if re.match(r"^\S", line) and not line.startswith("{{"):
            in_metadata = line.startswith("metadata:")
        elif in_metadata and re.match(r"^  annotations:\s*$", line):
            keys = set()
            for item in block_lines(lines, index, 2):
                key = re.match(r'^\s*["\']?([A-Za-z0-9][\w./-]*)["\']?:(\s|$)', item)
                if key:
                    keys.add(key.group(1))
            return sorted(keys)
    return []


def replicas(document):
    match = re.search(r"(?m)^spec:\s*\n(?:(?:\s{2,}.*|\{\{.*|)\n)*?  replicas:\s*(.+?)\s*$", document)
    return match.group(1).strip("\"'") if match else None


def host_ports(document):
    """How the router template binds host ports: "always", the values key that switches them, or "never"."""
    lines = document.splitlines()
    bound = [i for i, line in enumerate(lines) if re.match(r"\s*hostPort:", line)]
    if not bound:
        return "never"
    guards = set()
    for i in bound:
        guard = re.search(r"\{\{-?\s*if\s+\.Values\.([A-Za-z0-9_.]+)\s*-?\}\}", lines[i - 1]) if i else None
        guards.add(guard.group(1) if guard else "always")
    if guards == {"always"}:
        return "always"
    if len(guards) == 1:
        return "router." + guards.pop()  # the router chart's own key, as the umbrella writes it
    fail(f"the router template binds host ports under several conditions: {sorted(guards)}")


def rendered_facts(templates):
    """Rendered facts of the objects the rules read, from {path: text} of every template of a release."""
    facts = {}
    for path in sorted(templates):
        for document in documents(templates[path]):
            kind, name = object_of(document)
            if name not in RENDERED or kind not in ("Deployment", "ReplicationController"):
                continue
            entry = facts.setdefault(f"{kind}/{name}", {})
            if RENDERED[name] == "env":
                entry["env"] = sorted(set(entry.get("env", [])) | set(env_names(document)))
            else:
                entry["annotations"] = sorted(set(entry.get("annotations", [])) | set(annotation_keys(document)))
                entry["replicas"] = replicas(document)
                entry["host-ports"] = host_ports(document)
    return facts


def image_defaults(ini_text, env_set):
    """Defaults the Grafana image's grafana.ini template gives the rule-relevant env vars the chart leaves out."""
    defaults = {}
    depth = 0
    for line in ini_text.split("\n"):
        # Only settings outside {{ if }} blocks always apply.
        depth += len(re.findall(r"\{\{-?\s*(if|range|with)\b", line))
        depth -= len(re.findall(r"\{\{-?\s*end\b", line))
        match = re.search(r'\{\{\s*default\s+"([^"]*)"\s+\.([A-Z_]+)\s*\}\}', line)
        if match and depth == 0 and match.group(2) in GRAFANA_IMAGE_ENV and match.group(2) not in env_set:
            defaults[match.group(2)] = match.group(1)
    return defaults


# ---------------------------------------------------------------- releases and their pins


class Release:
    def __init__(self, version, line, umbrella_repo, tag, path, chart_format):
        self.version, self.line = version, line
        self.umbrella_repo, self.tag, self.path, self.chart_format = umbrella_repo, tag, path, chart_format
        self.pins = {}  # chart -> (tag, pinned-by)
        self.listed = set()  # charts the release's own changelog names


def list_releases(repos):
    """Every final release: Helm Classic ones from deis/charts, Helm 2 ones from the umbrella repos."""
    releases = []
    for version, tag in sorted(classic_dirs(repos).items()):
        if version < FIRST_HELM2:
            releases.append(Release(version, "deis", CLASSIC_CHARTS, tag, f"workflow-{tag}", "helm-classic"))
    for version, tag in sorted(repos.release_tags(DEIS_UMBRELLA).items()):
        if FIRST_HELM2 <= version <= LAST_DEIS:
            releases.append(Release(version, "deis", DEIS_UMBRELLA, tag, UMBRELLA_DIR, "helm"))
    for version, tag in sorted(repos.release_tags(HEPHY_UMBRELLA).items()):
        if version > LAST_DEIS:
            releases.append(Release(version, "hephy", HEPHY_UMBRELLA, tag, UMBRELLA_DIR, "helm"))
    return releases


def classic_dirs(repos):
    """{version: vX.Y.Z} for every released Helm Classic chart directory `workflow-vX.Y.Z/` in deis/charts."""
    head = repos.head(CLASSIC_CHARTS)
    dirs = {}
    for name in repos.git(CLASSIC_CHARTS, "ls-tree", "--name-only", head).split():
        match = re.match(r"^workflow-(v\d+\.\d+\.\d+)$", name)
        if match:
            dirs[tuple(int(part) for part in VERSION_TAG.match(match.group(1)).groups())] = match.group(1)
    return dirs


def classic_commit(repos, release_tag):
    """The last deis/charts commit that changed `workflow-vX.Y.Z/`.

    Not the deis/charts release tag: v2.4.0, v2.6.0 and v2.7.0 were tagged before the commit
    that added their chart directory, and v2.2.0's image tags were fixed after it was added.
    Helm Classic users fetched the directory from the repository's head, which this commit is.
    """
    head = repos.head(CLASSIC_CHARTS)
    return repos.git(CLASSIC_CHARTS, "log", "-1", "--format=%H", head, "--", f"workflow-{release_tag}").strip()


def classic_params(repos, release_tag):
    """The Helm Classic chart's tpl/generate_params.toml, or None."""
    commit = classic_commit(repos, release_tag)
    text = commit and repos.show(CLASSIC_CHARTS, commit, f"workflow-{release_tag}/tpl/generate_params.toml")
    return tomllib.loads(text) if text else None


def classic_pins(params):
    """chart -> tag from the Helm Classic parameters; monitor's three images share monitor's tag."""
    pins = {}
    for section, (chart, sub) in CLASSIC_SECTIONS.items():
        tag = params.get(section, {}).get("dockerTag")
        if tag:
            pins[f"{chart}.{sub}" if sub else chart] = tag
    monitor_tags = {pins[key] for key in pins if key.startswith("monitor.")}
    if len(monitor_tags) == 1:
        pins["monitor"] = monitor_tags.pop()
    return pins


def read_changelogs(repos):
    """version -> changelog text, from the newest commit of each umbrella repository.

    Read from HEAD rather than the release tag: Deis tagged v2.18.0 before its changelog was
    merged (deis/workflow 37d9f676), and Hephy added v2.19.0 and v2.20.0 changelogs later.
    Deis changelogs come from deis/workflow, later ones from teamhephy/workflow.
    """
    changelogs = {}
    for repo in (HEPHY_UMBRELLA, DEIS_UMBRELLA):
        head = repos.head(repo)
        for path in repos.files(repo, head, "src/changelogs"):
            match = re.search(r"v(\d+)\.(\d+)\.(\d+)\.md$", path)
            if not match:
                continue
            version = tuple(int(part) for part in match.groups())
            if repo == DEIS_UMBRELLA and version > LAST_DEIS and version in changelogs:
                continue
            changelogs[version] = repos.show(repo, head, path)
    return changelogs


def releases_section(text):
    """[(component, old, new)] from a changelog's '#### Releases' section, or None if it has none."""
    match = re.search(r"#### Releases\s*\n(.*?)(?:\n####|\Z)", text or "", re.S)
    if not match:
        return None
    lines = []
    for line in match.group(1).strip().splitlines():
        entry = re.match(r"-\s*(\S+)\s+(\S+)\s*->\s*(\S+)", line.strip())
        if entry:
            lines.append(entry.groups())
    return lines


def chart_of(component):
    return {repo: chart for chart, repo in REPO_OF_CHART.items()}.get(component, component)


def find_pins(repos, releases, notes):
    """Fill release.pins; returns the releases whose pins could be determined."""
    changelogs = read_changelogs(repos)
    state = {}  # chart -> (tag, pinned-by), carried from release to release
    kept = []
    for release in releases:
        if release.version <= FIRST_HELM2:
            # Helm Classic parameters name every image tag the release shipped. v2.8.0 was released
            # both as Helm Classic and as the first Helm 2 umbrella, whose requirements were filled
            # by CI; the Classic edition records what that release pinned.
            params = classic_params(repos, release.tag)
            if params is None:
                notes.append(f"v{version_text(release.version)}: no Helm Classic parameters; left out")
                continue
            state = {chart: (tag, "helm-classic-params") for chart, tag in classic_pins(params).items()}
        else:
            section = releases_section(changelogs.get(release.version))
            if section is None:
                notes.append(f"v{version_text(release.version)}: no changelog with a Releases section; left out")
                continue
            apply_changelog(release, section, state, notes, tracked_charts(repos))
        release.pins = dict(state)
        kept.append(release)
    return kept


def apply_changelog(release, section, state, notes, tracked):
    for component, old, new in section:
        if component in NOT_CHARTS:
            continue
        chart = chart_of(component)
        previous = state.get(chart, (None, None))[0]
        if previous is not None and previous != old and chart in tracked:
            # The old side should be what the previous release shipped; say so when it is not.
            notes.append(f"v{version_text(release.version)}: changelog says {component} {old} -> {new}, "
                         f"previous release pinned {previous}")
        state[chart] = (new, "changelog")
        release.listed.add(chart)
        if chart == "monitor":
            for sub in ("grafana", "influxdb", "telegraf"):
                state[f"monitor.{sub}"] = (new, "changelog")


# Charts whose every bump the changelog generator (deisrel) lists; others are not carried by the chain.
DEISREL = "teamhephy/deisrel"
CI_SCRIPTS = "bash/scripts/helm_chart_actions.sh"
CI_PIN = re.compile(r's/<([\w-]+)-tag>/"(v[\d.]+)"/')


def tracked_charts(repos):
    if not hasattr(repos, "tracked"):
        text = repos.show(DEISREL, repos.head(DEISREL), "map.json")
        repos.tracked = set(re.findall(r'"[\w-]+"\s*:\s*"([\w-]+)"', text or ""))
        if not repos.tracked:
            fail(f"{DEISREL} has no map.json")
    return repos.tracked


def untracked_pin(repos, release, chart, repo):
    """A pin for a chart the changelogs do not follow (registry-proxy): the tag the release CI
    hard-coded at release time (deis/jenkins-jobs "TEMP FIX", Dec 2016 - May 2017), else the
    newest release tag of the component committed before the umbrella's release commit."""
    released = int(repos.git(release.umbrella_repo, "show", "-s", "--format=%ct",
                             repos.commit(release.umbrella_repo, release.tag)).strip())
    ci_repo = f"{owner(release)}/jenkins-jobs"
    ci_commit = repos.git(ci_repo, "rev-list", "-1", f"--before={released}", "HEAD").strip()
    script = repos.show(ci_repo, ci_commit, CI_SCRIPTS) if ci_commit else None
    for name, tag in CI_PIN.findall(script or ""):
        if name == chart:
            return tag, "release-ci"
    newest = None
    for version, tag in repos.release_tags(repo).items():
        commit = repos.commit(repo, tag)
        if int(repos.git(repo, "show", "-s", "--format=%ct", commit).strip()) <= released:
            newest = max(newest or (version, tag), (version, tag))
    return (newest[1], "newest-tag-before-release") if newest else None


# ---------------------------------------------------------------- one release's chart


def owner(release):
    return "deis" if release.line == "deis" else "teamhephy"


def component_repo(release, chart):
    base = chart.split(".")[0]
    return f"{owner(release)}/{REPO_OF_CHART.get(base, base)}"


def substitute_delivered(tree, tag, line):
    """The CI's rewrite of a component's values before publishing: `canary` becomes the release tag,
    and on Deis `"deisci"` becomes `"deis"` (deis/jenkins-jobs helm_chart_actions.sh update-chart)."""
    if isinstance(tree, dict):
        return {key: substitute_delivered(value, tag, line) for key, value in tree.items()}
    if isinstance(tree, list):
        return [substitute_delivered(item, tag, line) for item in tree]
    if isinstance(tree, Scalar):
        if tree.text == "canary":
            return Scalar(tag, tree.quoted)
        if line == "deis" and tree.quoted and tree.text == "deisci":
            return Scalar("deis", True)
    return tree


IMAGE_LINE = re.compile(r"^\s*image:\s*\"?(.+?):\{\{-?\s*([^}]*?)\s*-?\}\}\"?\s*$")


def image_and_tag_key(templates, values, prefix, where):
    """(image, values path of its tag) from the first image line whose tag is a values key."""
    for path in sorted(templates):
        for line in templates[path].split("\n"):
            match = IMAGE_LINE.match(line)
            if not match:
                continue
            tag_ref = VALUES_REF.search(match.group(2))
            if not tag_ref:
                continue
            return compose(match.group(1), values, prefix), umbrella_path(prefix, tag_ref.group(1))
    return None, None


def compose(template, values, prefix):
    """An image name with each `{{ .Values.x }}` replaced by the delivered default, or None."""
    def value_of(match):
        found, value = lookup(values, umbrella_path(prefix, match.group(1)))
        text = helm_text(value) if found else None
        if text is None:
            raise LookupError(match.group(1))
        return text
    try:
        image = re.sub(r"\{\{-?\s*\$?\.Values\.([\w.]+)\s*-?\}\}", value_of, template)
    except LookupError:
        return None
    # `deisci` is the CI build org, which the release CI rewrote on Deis. On Hephy no rewrite
    # rule is known to match it (teamhephy/jenkins-jobs maps `hephyci`), so the published
    # image is unknown: better no image than a guessed one.
    return None if "{{" in image or "deisci" in image.split("/") else image


def storage_secrets(templates, prefixes):
    """{Secret name: sorted umbrella paths of the backend settings its template reads} for every Secret
    template annotated with the storage backend. Up to Workflow 2.8 each of builder, registry and database
    renders its own from its own values; from 2.9 the umbrella renders one from its top-level keys."""
    secrets = {}
    for path in sorted(templates):
        for document in documents(templates[path]):
            kind, name = object_of(document)
            if kind != "Secret" or STORAGE_ANNOTATION not in annotation_keys(document):
                continue
            reads = {umbrella_path(prefixes[path], match.group(1)) for match in VALUES_REF.finditer(document)}
            secrets.setdefault(name, set()).update(
                key for key in reads if key.split(".")[-2] in STORAGE_BACKENDS)
    return {name: sorted(keys) for name, keys in secrets.items()}


class Chart:
    """The delivered chart of one release: values tree, template keys, templates, components."""

    def __init__(self):
        self.values = {}
        self.template_keys = {}
        self.templates = {}
        self.template_prefixes = {}
        self.components = {}


def chart_files(repos, repo, commit, directory):
    """{path relative to the chart dir: text} for every file under a chart directory."""
    return {path[len(directory) + 1:]: repos.show(repo, commit, path)
            for path in repos.files(repo, commit, directory)}


def helm_chart(repos, release, notes):
    chart = Chart()
    umbrella_commit = repos.commit(release.umbrella_repo, release.tag)
    umbrella = chart_files(repos, release.umbrella_repo, umbrella_commit, release.path)
    where = f"{release.umbrella_repo}@{release.tag}:{release.path}"
    umbrella_values = parse_yaml(umbrella.get("values.yaml", ""), f"{where}/values.yaml")
    requirements = parse_yaml(umbrella.get("requirements.yaml", ""), f"{where}/requirements.yaml")
    add_templates(chart, umbrella, "", release.path)
    globals_seen = {}
    tree = {}
    for dependency in requirements.get("dependencies", []):
        name = helm_text(dependency.get("name"))
        values = add_component(repos, release, name, chart, globals_seen, umbrella_values.get("global") or {}, notes)
        tree[name] = merge(values, umbrella_values.get(name))
    for key, value in umbrella_values.items():
        if key not in tree:
            tree[key] = value
    tree["global"] = merge(globals_seen, umbrella_values.get("global"))
    chart.values = tree
    return chart


def add_templates(chart, files, prefix, label):
    for path, text in files.items():
        if path.startswith("templates/") and text is not None:
            chart.templates[f"{label}/{path}"] = text
            chart.template_prefixes[f"{label}/{path}"] = prefix
            for key, default in template_keys(text, prefix).items():
                if chart.template_keys.get(key) is None:
                    chart.template_keys[key] = default


def add_component(repos, release, name, chart, globals_seen, umbrella_globals, notes):
    """Read one subchart at its pinned tag; returns its delivered values (without `global`)."""
    repo = component_repo(release, name)
    pin = release.pins.get(name)
    if release.version > FIRST_HELM2 and name not in tracked_charts(repos) and name not in release.listed:
        pin = untracked_pin(repos, release, name, repo)
    if pin is None:
        notes.append(f"v{version_text(release.version)}: no pin for {name}; its chart is left out")
        return {}
    tag, pinned_by = pin
    commit = repos.commit(repo, tag)
    chart.components[name] = {"repository": repo, "tag": tag, "commit": commit, "pinned-by": pinned_by,
                              "image": None, "tag-key": None}
    if commit is None:
        notes.append(f"v{version_text(release.version)}: {repo} has no tag {tag}; its chart is left out")
        return {}
    directory = f"charts/{name}"
    files = chart_files(repos, repo, commit, directory)
    if "Chart.yaml" not in files:
        notes.append(f"v{version_text(release.version)}: {repo}@{tag} has no {directory}; its chart is left out")
        return {}
    where = f"{repo}@{tag}:{directory}"
    values = substitute_delivered(parse_yaml(files.get("values.yaml") or "", f"{where}/values.yaml"),
                                  tag, release.line)
    subcharts = sorted({path.split("/")[1] for path in files if path.startswith("charts/")})
    for sub in subcharts:
        sub_files = {path[len(f"charts/{sub}/"):]: text for path, text in files.items()
                     if path.startswith(f"charts/{sub}/")}
        sub_values = substitute_delivered(
            parse_yaml(sub_files.get("values.yaml") or "", f"{where}/charts/{sub}/values.yaml"), tag, release.line)
        collect_globals(globals_seen, sub_values, f"{name}.{sub}", notes, release, umbrella_globals)
        values[sub] = merge({k: v for k, v in sub_values.items() if k != "global"}, values.get(sub))
        add_templates(chart, sub_files, f"{name}.{sub}", f"{repo}@{tag}/{directory}/charts/{sub}")
    collect_globals(globals_seen, values, name, notes, release, umbrella_globals)
    add_templates(chart, files, name, f"{repo}@{tag}/{directory}")
    values = {k: v for k, v in values.items() if k != "global"}
    image, tag_key = image_and_tag_key(
        {p: t for p, t in files.items() if p.startswith("templates/")}, {name: values}, name, where)
    chart.components[name].update(image=image, **{"tag-key": tag_key})
    for sub in subcharts:
        sub_templates = {p: t for p, t in files.items() if p.startswith(f"charts/{sub}/templates/")}
        image, tag_key = image_and_tag_key(sub_templates, {name: values}, f"{name}.{sub}", where)
        chart.components[f"{name}.{sub}"] = {"repository": repo, "tag": tag, "commit": commit,
                                             "pinned-by": pinned_by, "image": image, "tag-key": tag_key}
    return values


def collect_globals(globals_seen, values, source, notes, release, umbrella_globals):
    """Subcharts' own `global` defaults; the umbrella's win, else the first chart in requirements order."""
    for key, value in (values.get("global") or {}).items():
        if key in globals_seen and key not in umbrella_globals and helm_text(globals_seen[key]) != helm_text(value):
            notes.append(f"v{version_text(release.version)}: global.{key} defaults differ between subcharts "
                         f"({helm_text(globals_seen[key])!r}, {source}: {helm_text(value)!r})")
        globals_seen.setdefault(key, value)


def classic_chart(repos, release):
    """A Helm Classic chart: no Helm values at all; components and templates from its tpl/ files."""
    chart = Chart()
    commit = classic_commit(repos, release.tag)
    files = chart_files(repos, CLASSIC_CHARTS, commit, release.path)
    params = classic_params(repos, release.tag)
    chart.templates = {f"{release.path}/{path}": text for path, text in files.items()
                       if path.startswith(("tpl/", "manifests/")) and path.endswith(".yaml")}
    sections = {(chart_name + "." + sub) if sub else chart_name: section
                for section, (chart_name, sub) in CLASSIC_SECTIONS.items()}
    for name, (tag, pinned_by) in sorted(release.pins.items()):
        repo = component_repo(release, name)
        chart.components[name] = {"repository": repo, "tag": tag, "commit": repos.commit(repo, tag),
                                  "pinned-by": pinned_by, "image": classic_image(chart.templates, params,
                                                                                 sections.get(name)),
                                  "tag-key": None}
    return chart


def classic_image(templates, params, section):
    """The image a Helm Classic template composes from `{{.<section>.org}}` and friends."""
    if section is None:
        return None
    pattern = re.compile(r"^\s*image:\s*\"?(.+?):\{\{[^}]*\." + re.escape(section) + r"\.dockerTag")
    for path in sorted(templates):
        for line in templates[path].split("\n"):
            match = pattern.match(line)
            if match:
                def value_of(ref):
                    found, value = True, params
                    for part in ref.group(1).split("."):
                        found = found and isinstance(value, dict) and part in value
                        value = value.get(part) if found else None
                    if not found:
                        raise LookupError(ref.group(1))
                    return str(value)
                try:
                    image = re.sub(r"\{\{-?\s*\.([\w.]+)\s*-?\}\}", value_of, match.group(1))
                except LookupError:
                    return None
                return None if "{{" in image else image
    return None


# ---------------------------------------------------------------- facts


def release_facts(repos, release, notes):
    umbrella_commit = classic_commit(repos, release.tag) if release.chart_format == "helm-classic" \
        else repos.commit(release.umbrella_repo, release.tag)
    chart = classic_chart(repos, release) if release.chart_format == "helm-classic" \
        else helm_chart(repos, release, notes)
    rendered = rendered_facts(chart.templates)
    add_image_defaults(repos, release, chart, rendered)
    return {
        "version": version_text(release.version),
        "line": release.line,
        "chart-format": release.chart_format,
        "umbrella": {"repository": release.umbrella_repo,
                     "tag": None if release.chart_format == "helm-classic" else release.tag,
                     "commit": umbrella_commit,
                     "date": repos.date(release.umbrella_repo, umbrella_commit), "path": release.path},
        "components": chart.components,
        "values": None if release.chart_format == "helm-classic" else chart,
        "rendered": rendered,
        "storage-secrets": {} if release.chart_format == "helm-classic"
        else storage_secrets(chart.templates, chart.template_prefixes),
    }


def add_image_defaults(repos, release, chart, rendered):
    monitor = chart.components.get("monitor.grafana") or chart.components.get("monitor")
    grafana = [key for key in rendered if key.endswith("/deis-monitor-grafana")]
    if not monitor or not monitor["commit"] or not grafana:
        return
    ini = repos.show(monitor["repository"], monitor["commit"], GRAFANA_INI)
    if ini is None:
        return
    for key in grafana:
        defaults = image_defaults(ini, set(rendered[key].get("env", [])))
        if defaults:
            rendered[key]["image-defaults"] = defaults


def rule_keys(charts, facts):
    """RULE_KEYS with patterns expanded, plus every component's tag key and every storage setting a
    storage Secret's template reads (`builder.s3.builder_bucket` up to 2.8), over all releases."""
    # (The top-level ones are RULE_KEYS; a release's other top-level reads, like azure.storage_conn_string, no rule reads.)
    keys = {key for f in facts for reads in f["storage-secrets"].values() for key in reads if key.count(".") > 1}
    for chart in charts:
        for key in RULE_KEYS:
            keys.update(expand(key, chart.values))
        keys.update(c["tag-key"] for c in chart.components.values() if c["tag-key"])
    return sorted(keys)


def expand(key, tree):
    if "*" not in key:
        return [key]
    head, tail = key.split(".*.")
    found, node = lookup(tree, head)
    if not found or not isinstance(node, dict):
        return []
    return [f"{head}.{child}.{tail}" for child in sorted(node)
            if isinstance(node[child], dict) and tail in node[child]]


def values_of(chart, keys):
    """key -> default for the keys this chart has (values files first, then templates' `default`)."""
    result = {}
    for key in keys:
        found, value = lookup(chart.values, key)
        if found:
            result[key] = helm_text(value)
        elif key in chart.template_keys:
            result[key] = chart.template_keys[key]
    return result


# ---------------------------------------------------------------- output

PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_./-]*$")
YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def text(value, always_quote=False):
    if value is None:
        return "null"
    value = str(value)
    if not always_quote and PLAIN.match(value) and value.lower() not in YAML_WORDS:
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def flow_list(items):
    return "[" + ", ".join(text(item) for item in items) + "]"


def render(facts, keys, sources):
    """The index and one file per release, by path relative to the output folder."""
    out = ["# Generated by src/facts/workflow-chart-facts.py from the public release tags listed below.",
           "# Rerun: see docs/chart-facts.md. Do not edit by hand.",
           "# Sources (newest commit read for the changelogs): " + ", ".join(sources),
           "format: 1",
           "# Every values key the rules read (umbrella paths). A release lists under `values` those of these keys",
           "# its chart has; a key not listed there does not exist in that release.",
           "keys:"]
    out += [f"  - {text(key)}" for key in keys]
    out.append("# The releases in order; each one's facts are in releases/<version>.yaml.")
    out.append("releases:")
    for release in facts:
        out.append(f"  - {{version: {release['version']}, line: {release['line']}, "
                   f"chart-format: {release['chart-format']}}}")
    history = ["# Generated by src/facts/workflow-chart-facts.py; see docs/chart-facts.md. Do not edit by hand.",
               "format: 1",
               "# For each key, the runs of consecutive releases in which it exists with the same default; a release",
               "# in no run lacks the key. Derived from the release files, so that messages and docs need only this",
               "# file; apart from the index, so that a check that needs no key's history does not read it.",
               "history:"]
    for key in keys:
        history.append(f"  {text(key)}:" + ("" if any(key in f["values"] for f in facts) else " []"))
        for run in key_runs(facts, key):
            history.append(f"    - {{from: {run[0]}, to: {run[1]}, default: {text(run[2], always_quote=True)}}}")
    files = {INDEX: "\n".join(out) + "\n", HISTORY: "\n".join(history) + "\n"}
    for release in facts:
        header = ["# Generated by src/facts/workflow-chart-facts.py; see docs/chart-facts.md. Do not edit by hand.",
                  "format: 1"]
        body = [line[4:] for line in render_release(release)]
        body[0] = body[0].replace("- version:", "version:", 1) if body[0].startswith("- ") else body[0]
        files[f"releases/{release['version']}.yaml"] = "\n".join(header + body) + "\n"
    return files


def key_runs(facts, key):
    """(first, last, default) for each run of consecutive releases with the key and the same default."""
    runs = []
    previous = None
    for release in facts:
        if key not in release["values"]:
            previous = None
            continue
        default = release["values"][key]
        if previous is not None and runs[-1][2] == default:
            runs[-1][1] = release["version"]
        else:
            runs.append([release["version"], release["version"], default])
        previous = release["version"]
    return runs


def render_release(release):
    u = release["umbrella"]
    out = [f"  - version: {release['version']}",
           f"    line: {release['line']}",
           f"    chart-format: {release['chart-format']}",
           f"    umbrella: {{repository: {u['repository']}, tag: {text(u['tag'])}, commit: {u['commit']}, "
           f"date: {u['date']}, path: {text(u['path'])}}}",
           "    components:"]
    for name in sorted(release["components"]):
        c = release["components"][name]
        out.append(f"      {text(name)}:")
        for field in ("repository", "tag", "commit", "pinned-by", "image", "tag-key"):
            out.append(f"        {field}: {text(c[field])}")
    values = release["values"]
    out.append("    values:" + ("" if values else " {}"))
    for key in sorted(values or {}):
        out.append(f"      {text(key)}: {text(values[key], always_quote=True)}")
    out.append("    rendered:" + ("" if release["rendered"] else " {}"))
    for name in sorted(release["rendered"]):
        entry = release["rendered"][name]
        out.append(f"      {name}:")
        for field in ("env", "annotations"):
            if field in entry:
                out.append(f"        {field}: {flow_list(entry[field])}")
        if "replicas" in entry:
            out.append(f"        replicas: {text(entry['replicas'], always_quote=True)}")
        if "host-ports" in entry:
            out.append(f"        host-ports: {text(entry['host-ports'], always_quote=True)}")
        if "image-defaults" in entry:
            pairs = ", ".join(f"{k}: {text(v, always_quote=True)}" for k, v in sorted(entry["image-defaults"].items()))
            out.append(f"        image-defaults: {{{pairs}}}")
    secrets = release["storage-secrets"]
    out.append("    storage-secrets:" + ("" if secrets else " {}"))
    for name in sorted(secrets):
        out.append(f"      {text(name)}: {flow_list(secrets[name])}")
    return out


def build(repos):
    notes = []
    releases = find_pins(repos, list_releases(repos), notes)
    facts = [release_facts(repos, release, notes) for release in releases]
    charts = [f["values"] for f in facts if f["values"] is not None]
    keys = rule_keys(charts, facts)
    for f in facts:
        f["values"] = values_of(f["values"], keys) if f["values"] is not None else {}
    sources = [f"{repo}@{repos.head(repo)[:12]}" for repo in (DEIS_UMBRELLA, HEPHY_UMBRELLA)]
    return render(facts, keys, sources), notes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repos", help="folder of repositories laid out as <owner>+<name>[/repo]")
    parser.add_argument("--cache", default=os.path.expanduser("~/.cache/workflow-chart-facts"),
                        help="where to clone repositories when --repos is not given")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="the YAML file to write or check")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs from a fresh build")
    args = parser.parse_args()
    output, notes = build(Repos(args.repos, args.cache))
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    out = Path(args.out)
    existing = {str(path.relative_to(out)): path.read_text()
                for path in sorted(out.rglob("*.yaml"))} if out.is_dir() else {}
    if args.check:
        differs = False
        for name in sorted(set(existing) | set(output)):
            current, fresh = existing.get(name, ""), output.get(name, "")
            if current != fresh:
                differs = True
                sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), fresh.splitlines(True),
                                                           str(out / name), "regenerated"))
        if differs:
            print(f"{out} is not what the script generates; rerun it without --check", file=sys.stderr)
            return 1
        print(f"{out} is up to date", file=sys.stderr)
        return 0
    for name in set(existing) - set(output):
        (out / name).unlink()  # a release the sources no longer have
    for name, content in output.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    print(f"wrote {len(output)} files under {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
