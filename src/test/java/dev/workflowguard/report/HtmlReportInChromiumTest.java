package dev.workflowguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.fix.FixPlan;
import dev.workflowguard.fix.Fixer;
import dev.workflowguard.fix.PatchFile;
import dev.workflowguard.testing.HeadlessChromium;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html opened by a real browser, headless Chromium, at desktop and at phone width: the page loads nothing
 * but itself, the filter hides and shows findings, a rule id opens its help, the diff is masked, nothing overflows
 * the phone's width and no place breaks inside its line and column, and the page logs no error. Runs when Chromium
 * is installed (on the PATH as chromium, chromium-browser or google-chrome, or -Dworkflow.chromium=&lt;path&gt;);
 * skipped, saying so, when it is not. Screenshots of each width go to target/html-report-in-chromium/.
 */
class HtmlReportInChromiumTest {

    /** In values/base.yaml, on the line after one the fix changes: the diff's context shows it, masked. */
    private static final String SECRET = "Gr4fana-Pw-planted-0x77";

    @TempDir
    static Path dir;

    private static HeadlessChromium chromium;
    private static CheckResult result;
    private static Path page;

    @BeforeAll
    static void writeTheReportAndStartChromium() throws Exception {
        Optional<Path> binary = HeadlessChromium.find();
        if (binary.isEmpty()) {
            return;
        }
        new TestRepo(dir)
                .file(".git/HEAD", "ref: refs/heads/main\n")
                .resource("fixtures/stock-values-2.19.yaml", "clusters/production-eu-west-1/values/base.yaml")
                .file("clusters/production-eu-west-1/values/overrides-for-the-production-cluster.yaml", """
                        global:
                          storage: s3
                        controller:
                          registration_mode: enabled
                        monitor:
                          grafana:
                            allow_sign_up: yes
                            password: %s
                        router:
                          host_port:
                            enabled: true
                        """.formatted(
                                SECRET));
        CheckRequest request = CheckRequest.builder(dir)
                .workflowVersion("2.19.0")
                .values(
                        "clusters/production-eu-west-1/values/base.yaml",
                        "clusters/production-eu-west-1/values/overrides-for-the-production-cluster.yaml")
                .build();
        FixPlan plan = new Fixer().plan(request, new Checker().check(request), null);
        result = plan.checkResult();
        assertTrue(PatchFile.text(dir, plan).contains(SECRET), "the fixture's diff must show the secret's line");
        new CheckReporter(
                        new CheckReporter.Settings(
                                dir.resolve("target/workflow"),
                                "1.2.3",
                                Severity.ERROR,
                                Set.of(ReportFormat.HTML),
                                false,
                                false),
                        new RecordingConsole(),
                        line -> {})
                .report(request, plan);
        page = dir.resolve("target/workflow/report.html");
        assertFalse(Files.readString(page).contains(SECRET), "report.html holds no secret");
        chromium = new HeadlessChromium(binary.get());
    }

    /** Each test, not the class, is skipped: so the report lists both, each with the reason. */
    @BeforeEach
    void chromiumIsInstalled() {
        Assumptions.assumeTrue(
                chromium != null,
                "Chromium not found: " + HeadlessChromium.searched() + "; the browser test of the HTML report is "
                        + "skipped; install chromium to run it");
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void atDesktopWidth() throws Exception {
        check("desktop", 1280, 800, 1, false);
    }

    @Test
    void atPhoneWidth() throws Exception {
        check("phone", 390, 844, 3, true);
    }

    private void check(String name, int width, int height, double scale, boolean mobile) throws Exception {
        String session = chromium.newPage();
        chromium.send(session, "Network.enable", chromium.params());
        chromium.send(session, "Runtime.enable", chromium.params());
        chromium.send(session, "Log.enable", chromium.params());
        chromium.send(session, "Page.enable", chromium.params());
        chromium.send(
                session,
                "Emulation.setDeviceMetricsOverride",
                chromium.params()
                        .put("width", width)
                        .put("height", height)
                        .put("deviceScaleFactor", scale)
                        .put("mobile", mobile));
        String url = page.toUri().toString();
        chromium.send(session, "Page.navigate", chromium.params().put("url", url));
        chromium.await(session, "Page.loadEventFired", event -> true);
        String at = name + " (" + width + "x" + height + "): ";
        // The findings' rows, and whether an element is laid out (hidden ones are not).
        chromium.evaluate(session, """
                window.rows = () => [...document.querySelectorAll('#findings tbody tr')];
                window.shown = e => e.getClientRects().length > 0;
                true""");

        // Nothing but the file itself is requested: no script, style, font or image from anywhere.
        List<String> requests = chromium.events(session).stream()
                .filter(event -> event.path("method").asText().equals("Network.requestWillBeSent"))
                .map(event -> event.path("params").path("request").path("url").asText())
                .toList();
        assertEquals(List.of(url), requests, at + "requests");

        int findings = result.findings().size();
        assertTrue(findings > 3, "the fixture needs findings to filter");
        assertEquals(findings, visibleRows(session), at + "every finding shows");

        // The severity filter.
        long errors = result.findings().stream()
                .filter(f -> f.severity() == Severity.ERROR)
                .count();
        assertTrue(errors > 0 && errors < findings, "the fixture needs errors and findings of other severities");
        choose(session, "#severity", "error", "change");
        assertEquals(errors, visibleRows(session), at + "errors only");
        assertEquals(
                List.of("error"),
                strings(chromium.evaluate(
                        session, "[...new Set(rows().filter(shown).map(r => r.getAttribute('data-severity')))]")),
                at + "errors only");
        choose(session, "#severity", "", "change");
        assertEquals(findings, visibleRows(session), at + "all severities again");

        // The text filter: a rule id, then text no finding has, then nothing.
        String rule = "router-host-port";
        long ofRule =
                result.findings().stream().filter(f -> f.rule().equals(rule)).count();
        assertEquals(1, ofRule, "the fixture has one " + rule + " finding");
        choose(session, "#filter", rule, "input");
        assertEquals(
                List.of(rule),
                strings(chromium.evaluate(session, "rows().filter(shown).map(r => r.getAttribute('data-rule'))")),
                at + "filtered by " + rule);
        assertFalse(chromium.evaluate(session, "shown(document.getElementById('empty'))")
                .asBoolean());
        choose(session, "#filter", "no finding says this", "input");
        assertEquals(0, visibleRows(session), at + "no match");
        assertTrue(
                chromium.evaluate(session, "shown(document.getElementById('empty'))")
                        .asBoolean(),
                at + "says that nothing matches");
        choose(session, "#filter", "", "input");
        assertEquals(findings, visibleRows(session), at + "the filter cleared");

        // A rule id opens its help, in the page.
        Finding first = result.findings().get(0);
        JsonNode help = chromium.evaluate(session, """
                (() => {
                  const help = document.getElementById('rule-%1$s');
                  const closed = !help.open;
                  rows()[0].querySelector('a[href="#rule-%1$s"]').click();
                  return {closed: closed, open: help.open, hash: location.hash,
                    text: help.innerText, shown: shown(help.querySelector('h4'))};
                })()""".formatted(first.rule()));
        assertTrue(help.get("closed").asBoolean(), at + "the help starts folded");
        assertTrue(help.get("open").asBoolean(), at + "the rule id opens its help");
        assertEquals("#rule-" + first.rule(), help.get("hash").asText());
        assertTrue(help.get("shown").asBoolean(), at + "the help is visible");
        assertTrue(help.get("text").asText().contains("How to fix"), at + help.get("text"));

        // The diff is there, masked.
        String text = chromium.evaluate(session, "document.documentElement.outerHTML + document.body.innerText")
                .asText();
        assertFalse(text.contains(SECRET), at + "the page shows the planted secret");
        String diff = chromium.evaluate(session, "document.querySelector('pre.diff').innerText")
                .asText();
        assertTrue(diff.contains("+    allow_sign_up: \"false\""), at + diff);
        assertTrue(diff.contains(" password: ****"), at + "the secret's line, masked:\n" + diff);

        // Nothing wider than the screen; a place wraps only after a '/', never inside a name or its line and column.
        JsonNode widths = chromium.evaluate(
                session,
                "({page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth})");
        assertTrue(widths.get("page").asInt() <= widths.get("screen").asInt(), at + "horizontal overflow: " + widths);
        // The lines each part of a place spans: one, but for a file name wider than the phone's screen.
        JsonNode broken = chromium.evaluate(session, """
                (() => {
                  const lines = e => {
                    const range = document.createRange();
                    range.selectNodeContents(e);
                    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
                  };
                  // Whether a part, kept on one line, would be wider than its cell.
                  const tooWide = p => {
                    p.style.whiteSpace = 'nowrap';
                    p.style.maxWidth = 'none';
                    const width = p.getBoundingClientRect().width;
                    p.style.whiteSpace = '';
                    p.style.maxWidth = '';
                    return width > p.closest('td').clientWidth;
                  };
                  const parts = [...document.querySelectorAll('.loc > span')].filter(p => lines(p) !== 1);
                  return {
                    positions: [...document.querySelectorAll('.loc .pos')].filter(p => lines(p) !== 1)
                        .map(p => p.textContent),
                    parts: parts.map(p => p.textContent),
                    partsThatFit: parts.filter(p => !tooWide(p)).map(p => p.textContent),
                    placesOnSeveralLines: [...document.querySelectorAll('#findings code.loc')]
                        .filter(c => lines(c) > 1).map(c => c.textContent),
                  };
                })()""");
        assertEquals(List.of(), strings(broken.get("positions")), at + "a line and column broken");
        List<String> overrides = result.findings().stream()
                .flatMap(f -> f.places().stream())
                .map(place -> place.location().toString())
                .filter(place -> place.contains("overrides"))
                .toList();
        assertFalse(overrides.isEmpty(), "the fixture's findings in the long-named file");
        if (mobile) {
            // Its place does not fit the phone: it wraps after a folder; a folder or name breaks only when it
            // alone is wider than the screen (this file's name, in the fonts Debian's Chromium brings).
            assertTrue(
                    strings(broken.get("placesOnSeveralLines")).containsAll(overrides),
                    at + "places on several lines: " + broken.get("placesOnSeveralLines"));
            assertEquals(List.of(), strings(broken.get("partsThatFit")), at + "folders or names broken that fit");
        } else {
            assertEquals(List.of(), strings(broken.get("parts")), at + "folders or names broken");
        }

        screenshot(session, name, scale);
        List<String> errorsLogged = new ArrayList<>();
        for (JsonNode event : chromium.events(session)) {
            String method = event.path("method").asText();
            JsonNode params = event.path("params");
            if (method.equals("Runtime.exceptionThrown")
                    || (method.equals("Runtime.consoleAPICalled")
                            && params.path("type").asText().equals("error"))
                    || (method.equals("Log.entryAdded")
                            && params.path("entry").path("level").asText().equals("error"))) {
                errorsLogged.add(event.toString());
            }
        }
        assertEquals(List.of(), errorsLogged, at + "console errors");
        chromium.closePage(session);
    }

    /** The findings shown. */
    private long visibleRows(String session) throws Exception {
        return chromium.evaluate(session, "rows().filter(shown).length").asLong();
    }

    /** Sets a control's value and fires the event a user's change fires. */
    private void choose(String session, String selector, String value, String event) throws Exception {
        chromium.evaluate(session, """
                (() => {
                  const control = document.querySelector('%s');
                  control.value = %s;
                  control.dispatchEvent(new Event('%s', {bubbles: true}));
                })()""".formatted(selector, quoted(value), event));
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    /** The whole page, in CSS pixels (a phone's device pixels would make it three times as large). */
    private void screenshot(String session, String name, double scale) throws Exception {
        JsonNode size = chromium.evaluate(
                session,
                "({width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight})");
        var clip = chromium.params()
                .put("x", 0)
                .put("y", 0)
                .put("width", size.get("width").asInt())
                .put("height", size.get("height").asInt())
                .put("scale", 1 / scale);
        var params = chromium.params().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        JsonNode shot = chromium.send(session, "Page.captureScreenshot", params);
        Path folder = Path.of("target", "html-report-in-chromium");
        Files.createDirectories(folder);
        Files.write(
                folder.resolve(name + ".png"),
                Base64.getDecoder().decode(shot.get("data").asText()));
    }
}
