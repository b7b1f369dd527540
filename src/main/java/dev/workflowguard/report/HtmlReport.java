package dev.workflowguard.report;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.rules.RuleInfo;
import dev.workflowguard.suppress.SuppressedFinding;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One self-contained HTML page (no external scripts, fonts or styles): the summary, a sortable and
 * filterable findings table with every place, suppressed and baselined findings, the diff
 * `workflow:fix` would apply, and the docs page of every rule it shows (the rule ids link to them in the page;
 * to an address elsewhere only when the user configured one, {@link DocsUrl}). The markup is well-formed XML, so it can be checked by a parser, and
 * the layout turns table rows into cards on narrow screens.
 */
public final class HtmlReport {

    private static final String STYLE = """
            :root { color-scheme: light dark; --error: #c62828; --warning: #b26a00; --info: #1565c0;
              --muted: #666; --line: #ddd; --bg: #fff; --fg: #1b1b1b; --code: #f4f4f4; }
            @media (prefers-color-scheme: dark) { :root { --bg: #161616; --fg: #eee; --line: #333; --muted: #aaa;
              --code: #222; } }
            * { box-sizing: border-box; }
            body { margin: 0; padding: 1rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
              background: var(--bg); color: var(--fg); }
            main { max-width: 80rem; margin: 0 auto; }
            h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
            .meta { color: var(--muted); margin: 0 0 1rem; }
            .summary { display: flex; flex-wrap: wrap; gap: .75rem; }
            .card { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .9rem; min-width: 7.5rem; }
            .card b { display: block; font-size: 1.5rem; }
            .card.error b { color: var(--error); } .card.warning b { color: var(--warning); }
            .card.info b { color: var(--info); }
            .verdict { font-weight: 600; margin: 1rem 0 0; } .verdict.failed { color: var(--error); }
            .controls { display: flex; flex-wrap: wrap; gap: .5rem; margin-bottom: .75rem; }
            .controls input, .controls select { font: inherit; padding: .35rem .5rem; border: 1px solid var(--line);
              border-radius: .35rem; background: var(--bg); color: var(--fg); }
            .controls input { flex: 1 1 16rem; }
            table { width: 100%; border-collapse: collapse; }
            th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid var(--line);
              overflow-wrap: anywhere; }
            td.rule { white-space: nowrap; }
            th { cursor: pointer; user-select: none; white-space: nowrap; }
            th[aria-sort="ascending"]::after { content: " \\25B2"; } th[aria-sort="descending"]::after { content: " \\25BC"; }
            code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; }
            td code { background: var(--code); padding: .05rem .3rem; border-radius: .25rem; word-break: break-all; }
            /* A place wraps only between its folders: each folder, and the file name with its line and column, is
               whole (the table makes room for the widest); on a phone, only a name wider than the screen wraps
               inside, never within its line and column. */
            td code.said { word-break: normal; overflow-wrap: anywhere; }
            td code.loc { word-break: normal; overflow-wrap: normal; } .loc > span, .loc .pos { white-space: nowrap; }
            .where { display: block; margin-bottom: .2rem; } .subject { color: var(--muted); font-size: .85em; }
            .badge { display: inline-block; padding: .05rem .45rem; border-radius: 1rem; color: #fff; font-size: .8em; }
            .badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
            .badge.info { background: var(--info); }
            .fixable { color: var(--muted); font-size: .85em; }
            pre.diff { background: var(--code); padding: .75rem; border-radius: .5rem; overflow-x: auto; max-width: 100%; }
            .add { color: #2e7d32; } .del { color: var(--error); } .hunk { color: var(--info); }
            details.help { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .9rem; margin-bottom: .6rem; }
            details.help summary { cursor: pointer; } details.help summary code { font-weight: 700; }
            details.help h3 { font-size: 1.05rem; } details.help ul { padding-left: 1.25rem; }
            details.help pre.code { background: var(--code); padding: .6rem; border-radius: .5rem; overflow-x: auto; }
            details.help table.facts { width: auto; }
            details.help table.facts th { cursor: auto; font-weight: normal; color: var(--muted); white-space: normal; }
            details.help li code, details.help p code { overflow-wrap: anywhere; }
            [hidden] { display: none !important; }
            @media (max-width: 700px) {
              /* The findings' tables become cards; a rule's facts stay a table. */
              thead { display: none; }
              table:not(.facts), table:not(.facts) > tbody, table:not(.facts) > tbody > tr,
              table:not(.facts) > tbody > tr > td { display: block; width: 100%; }
              table:not(.facts) > tbody > tr { border: 1px solid var(--line); border-radius: .5rem; margin-bottom: .75rem;
                padding: .25rem .5rem; }
              table:not(.facts) > tbody > tr > td { border: 0; padding: .25rem 0; } td.rule { white-space: normal; }
              .loc > span { display: inline-block; max-width: 100%; white-space: normal; overflow-wrap: break-word; }
              td[data-label]::before { content: attr(data-label); display: block; font-size: .75em; color: var(--muted); }
            }
            """;

    private static final String SCRIPT = """
            //<![CDATA[
            (function () {
              // A rule's help is a closed <details>: following a link to it opens it.
              function openHelp(id) {
                var help = id && document.getElementById(id);
                if (help && help.tagName.toLowerCase() === 'details') { help.open = true; }
              }
              Array.prototype.forEach.call(document.querySelectorAll('a[href^="#rule-"]'), function (link) {
                link.addEventListener('click', function () { openHelp(link.getAttribute('href').substring(1)); });
              });
              window.addEventListener('hashchange', function () { openHelp(location.hash.substring(1)); });
              openHelp(location.hash.substring(1));
            })();
            (function () {
              var table = document.getElementById('findings');
              if (!table) { return; }
              var body = table.tBodies[0];
              var filter = document.getElementById('filter');
              var severity = document.getElementById('severity');
              var empty = document.getElementById('empty');
              function apply() {
                var text = filter.value.toLowerCase();
                var level = severity.value;
                var shown = 0;
                Array.prototype.forEach.call(body.rows, function (row) {
                  var visible = row.textContent.toLowerCase().indexOf(text) !== -1
                      && (level === '' || row.getAttribute('data-severity') === level);
                  row.hidden = !visible;
                  if (visible) { shown++; }
                });
                empty.hidden = shown !== 0;
              }
              filter.addEventListener('input', apply);
              severity.addEventListener('change', apply);
              Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
                header.addEventListener('click', function () {
                  var ascending = header.getAttribute('aria-sort') !== 'ascending';
                  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
                  header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                  var rows = Array.prototype.slice.call(body.rows);
                  rows.sort(function (a, b) {
                    var x = a.cells[column].getAttribute('data-sort') || a.cells[column].textContent;
                    var y = b.cells[column].getAttribute('data-sort') || b.cells[column].textContent;
                    var order = x.localeCompare(y, undefined, {numeric: true});
                    return ascending ? order : -order;
                  });
                  rows.forEach(function (row) { body.appendChild(row); });
                });
              });
            })();
            //]]>
            """;

    /** The `:line:col` (or `:line`) that ends a place. */
    private static final Pattern POSITION = Pattern.compile("(:\\d+)+$");

    private HtmlReport() {}

    /**
     * Writes the page.
     *
     * @param fixPatch the diff `workflow:fix` would apply, or null/empty when there is none
     */
    public static void write(OutputStream out, CheckResult result, String toolVersion, Severity failOn, String fixPatch)
            throws IOException {
        write(out, result, toolVersion, failOn, fixPatch, RuleHelp.catalogue());
    }

    /**
     * Writes the page.
     *
     * @param fixPatch the diff `workflow:fix` would apply, or null/empty when there is none
     * @param help the rules the check ran, whose pages the report shows for the rules it names
     */
    public static void write(
            OutputStream out, CheckResult result, String toolVersion, Severity failOn, String fixPatch, RuleHelp help)
            throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        Map<Severity, Integer> counts = result.countBySeverity();
        boolean failed = !result.atOrAbove(failOn).isEmpty();
        w.write("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n");
        w.write(
                "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        w.write("<title>workflow-guard report</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>\n");
        w.write("<h1>workflow-guard report</h1>\n<p class=\"meta\">workflow-guard " + esc(toolVersion)
                + (result.version().isSet()
                        ? " · Workflow " + esc(result.version().display())
                        : "") + " · "
                + esc(result.filesInWords()) + " checked</p>\n");
        w.write("<section class=\"summary\" aria-label=\"summary\">\n");
        for (Severity severity : Severity.values()) {
            w.write(card(
                    severity.id(),
                    counts.get(severity),
                    severity.id() + (severity == Severity.INFO || counts.get(severity) == 1 ? "" : "s")));
        }
        w.write(card("fixable", (int) result.fixableCount(), "fixable by workflow:fix"));
        w.write(card("suppressed", result.suppressed().size(), "suppressed"));
        if (!result.baselined().isEmpty() || !result.fixedSinceBaseline().isEmpty()) {
            w.write(card("baselined", result.baselined().size(), "in the baseline"));
            w.write(card("fixed", result.fixedSinceBaseline().size(), "fixed since the baseline"));
        }
        w.write("</section>\n<p class=\"verdict" + (failed ? " failed" : "") + "\">"
                + (failed
                        ? "The build fails: findings at or above " + esc(failOn.id()) + "."
                        : "The build passes"
                                + (failOn == null
                                        ? " (failOnSeverity=none)."
                                        : ": no findings at or above " + esc(failOn.id()) + "."))
                + "</p>\n");

        w.write("<section aria-labelledby=\"findings-title\">\n<h2 id=\"findings-title\">Findings</h2>\n");
        if (result.findings().isEmpty()) {
            w.write("<p>No findings.</p>\n");
        } else {
            w.write(
                    "<div class=\"controls\"><input id=\"filter\" type=\"search\" placeholder=\"Filter by text, rule, "
                            + "file…\" aria-label=\"filter\"/><select id=\"severity\" aria-label=\"severity\">"
                            + "<option value=\"\">All severities</option><option value=\"error\">error</option>"
                            + "<option value=\"warning\">warning</option><option value=\"info\">info</option></select></div>\n");
            table(w, "findings", result.findings(), help);
            w.write("<p id=\"empty\" hidden=\"hidden\">No finding matches the filter.</p>\n");
        }
        w.write("</section>\n");
        if (!result.suppressed().isEmpty()) {
            w.write("<section aria-labelledby=\"suppressed-title\">\n<h2 id=\"suppressed-title\">Suppressed</h2>\n");
            w.write("<table class=\"plain\"><thead><tr><th>Rule</th><th>Location</th><th>Reason</th><th>Until</th>"
                    + "<th>Written at</th></tr></thead><tbody>\n");
            for (SuppressedFinding s : result.suppressed()) {
                w.write("<tr><td data-label=\"Rule\">" + ruleLink(s.finding().rule(), help)
                        + "</td><td data-label=\"Location\">"
                        + location(s.finding().location().toString()) + "</td><td data-label=\"Reason\">"
                        + esc(s.suppression().reason()) + "</td><td data-label=\"Until\">"
                        + (s.suppression().until() == null
                                ? "–"
                                : esc(s.suppression().until().toString()))
                        + "</td><td data-label=\"Written at\">"
                        + location(s.suppression().source().toString())
                        + "</td></tr>\n");
            }
            w.write("</tbody></table>\n</section>\n");
        }
        if (!result.baselined().isEmpty()) {
            w.write(
                    "<section aria-labelledby=\"baseline-title\">\n<h2 id=\"baseline-title\">Accepted by the baseline</h2>\n");
            table(w, "baselined", result.baselined(), help);
            w.write("</section>\n");
        }
        if (fixPatch != null && !fixPatch.isBlank()) {
            w.write("<section aria-labelledby=\"fix-title\">\n<h2 id=\"fix-title\">What <code>mvn workflow:fix</code> "
                    + "would change</h2>\n<pre class=\"diff\">");
            for (String raw : fixPatch.split("\n")) {
                String line = result.secrets().maskLine(raw);
                String cls = line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ")
                        ? "file"
                        : line.startsWith("+")
                                ? "add"
                                : line.startsWith("-") ? "del" : line.startsWith("@@") ? "hunk" : "";
                w.write(cls.isEmpty() ? esc(line) : "<span class=\"" + cls + "\">" + esc(line) + "</span>");
                w.write("\n");
            }
            w.write("</pre>\n</section>\n");
        }
        helpSection(w, result, help);
        w.write("</main>\n<script>\n" + SCRIPT + "</script>\n</body>\n</html>\n");
        w.flush();
    }

    private static void table(Writer w, String id, List<Finding> findings, RuleHelp help) throws IOException {
        w.write("<table id=\"" + id + "\"><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Rule</th>"
                + "<th scope=\"col\">Location</th><th scope=\"col\">Message</th></tr></thead>\n<tbody>\n");
        for (Finding finding : findings) {
            w.write("<tr data-severity=\"" + finding.severity().id() + "\" data-rule=\"" + esc(finding.rule()) + "\">");
            w.write("<td data-label=\"Severity\" data-sort=\""
                    + finding.severity().ordinal() + "\"><span class=\"badge "
                    + finding.severity().id() + "\">" + finding.severity().id() + "</span></td>");
            w.write("<td data-label=\"Rule\" class=\"rule\">" + ruleLink(finding.rule(), help)
                    + (finding.fixable() ? "<br/><span class=\"fixable\">fixable</span>" : "") + "</td>");
            w.write("<td data-label=\"Location\" data-sort=\""
                    + esc(finding.location().fileName()) + ":"
                    + String.format("%08d", finding.location().line()) + "\">");
            for (Place place : finding.places()) {
                w.write("<span class=\"where\">" + location(place.location().toString()));
                String subject = place.valuesPath() != null ? place.valuesPath() : place.object();
                if (subject != null) {
                    w.write(" <span class=\"subject\">" + esc(subject) + "</span>");
                }
                w.write("</span>");
            }
            w.write("</td><td data-label=\"Message\">" + said(finding.message()) + "</td></tr>\n");
        }
        w.write("</tbody></table>\n");
    }

    /** The rule id, linking to its help further down the page. */
    private static String ruleLink(String rule, RuleHelp help) {
        return help.info(rule).isPresent() ? "<a href=\"#" + anchor(rule) + "\">" + esc(rule) + "</a>" : esc(rule);
    }

    private static String anchor(String rule) {
        return "rule-" + esc(rule);
    }

    /**
     * A `file:line:col` that wraps only after a path separator (a narrow column once showed `values.yaml:1` above
     * `0:22`): one span per folder and one for the file name with its line and column, which the style keeps whole.
     */
    static String location(String place) {
        Matcher position = POSITION.matcher(place);
        int end = position.find() ? position.start() : place.length();
        StringBuilder out = new StringBuilder("<code class=\"loc\">");
        String[] segments = place.substring(0, end).split("(?<=/)");
        for (int i = 0; i < segments.length; i++) {
            out.append(i == 0 ? "" : "<wbr/>").append("<span>").append(esc(segments[i]));
            if (i == segments.length - 1 && end < place.length()) {
                out.append("<span class=\"pos\">")
                        .append(esc(place.substring(end)))
                        .append("</span>");
            }
            out.append("</span>");
        }
        return out.append("</code>").toString();
    }

    /** The docs page of every rule the report names, each folded under its id and summary. */
    private static void helpSection(Writer w, CheckResult result, RuleHelp help) throws IOException {
        Set<String> named = new LinkedHashSet<>();
        result.findings().forEach(finding -> named.add(finding.rule()));
        result.baselined().forEach(finding -> named.add(finding.rule()));
        result.suppressed().forEach(suppressed -> named.add(suppressed.finding().rule()));
        List<RuleInfo> shown =
                help.infos().stream().filter(info -> named.contains(info.id())).toList();
        if (shown.isEmpty()) {
            return;
        }
        w.write("<section aria-labelledby=\"rules-title\">\n<h2 id=\"rules-title\">The rules in this report</h2>\n");
        for (RuleInfo rule : shown) {
            w.write("<details class=\"help\" id=\"" + anchor(rule.id()) + "\"><summary><code>" + esc(rule.id())
                    + "</code>: " + esc(rule.summary()) + "</summary>\n");
            if (help.url(rule.id()).isPresent()) {
                String url = help.url(rule.id()).get();
                w.write("<p>Online: <a href=\"" + esc(url) + "\">" + esc(url) + "</a></p>\n");
            }
            w.write(help.html(rule.id(), 3).orElseThrow());
            w.write("</details>\n");
        }
        w.write("</section>\n");
    }

    private static String card(String kind, int count, String label) {
        return "<div class=\"card " + kind + "\"><b>" + count + "</b>" + esc(label) + "</div>\n";
    }

    /**
     * A message as the page shows it: what it quotes between backticks (a key, a command to run) as code, the
     * backticks themselves gone; a message with an odd number of backticks is shown as it is.
     */
    static String said(String message) {
        String[] parts = message.split("`", -1);
        if (parts.length % 2 == 0) {
            return esc(message);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            out.append(i % 2 == 1 ? "<code class=\"said\">" + esc(parts[i]) + "</code>" : esc(parts[i]));
        }
        return out.toString();
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
