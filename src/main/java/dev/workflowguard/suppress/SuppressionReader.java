package dev.workflowguard.suppress;

import dev.workflowguard.config.ClosestName;
import dev.workflowguard.finding.Location;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlScalar;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads suppressions where users write them: `# workflow:ignore <rule> reason="…" [until=YYYY-MM-DD]`
 * comments in values and manifest files, and `workflow-guard.dev/ignore.<rule>: "<reason>"`
 * annotations on rendered objects. Malformed ones become problems, never silent no-ops.
 */
public final class SuppressionReader {

    /** The annotation prefix on Kubernetes objects. */
    public static final String ANNOTATION = "workflow-guard.dev/ignore.";

    private static final Pattern COMMENT = Pattern.compile("(?:^|[ \\t])#\\s*workflow:ignore\\b(.*)$");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s*([A-Za-z]+)=(\"((?:\\\\.|[^\"\\\\])*)\"|(\\S+))");

    private final Set<String> ruleIds;

    public SuppressionReader(Set<String> ruleIds) {
        // In the catalogue's order, so a suggestion for a mistyped id is the same on every run.
        this.ruleIds = Collections.unmodifiableSet(new LinkedHashSet<>(ruleIds));
    }

    /** The suppression comments of a file, into the given lists. */
    public void readComments(SourceFile file, List<Suppression> into, List<SuppressionProblem> problems) {
        String[] lines = file.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            Matcher matcher = COMMENT.matcher(line);
            if (!matcher.find()) {
                continue;
            }
            int hash = line.indexOf('#', matcher.start());
            Location at = new Location(file, new TextPosition(i + 1, hash + 1, -1));
            boolean alone = line.substring(0, hash).isBlank();
            // A comment on its own line covers the line below; one after a value covers its own line.
            int covered = alone ? i + 2 : i + 1;
            parse(matcher.group(1), at, new Suppression.Line(file.displayName(), covered), into, problems);
        }
    }

    private void parse(
            String text,
            Location at,
            Suppression.Scope scope,
            List<Suppression> into,
            List<SuppressionProblem> problems) {
        String rest = text.trim();
        if (rest.isEmpty()) {
            problems.add(new SuppressionProblem(
                    at,
                    "no rule",
                    "workflow:ignore names no rule; write "
                            + "`# workflow:ignore <rule-id> reason=\"why\" [until=YYYY-MM-DD]`"));
            return;
        }
        int space = rest.indexOf(' ');
        String rule = space < 0 ? rest : rest.substring(0, space);
        String attributes = space < 0 ? "" : rest.substring(space);
        if (!ruleIds.contains(rule)) {
            problems.add(new SuppressionProblem(
                    at,
                    "unknown rule " + rule,
                    "workflow:ignore names \"" + rule + "\", which is not a rule id"
                            + ClosestName.didYouMean(rule, ruleIds)));
            return;
        }
        String reason = null;
        LocalDate until = null;
        Matcher attribute = ATTRIBUTE.matcher(attributes);
        int consumed = 0;
        while (attribute.find() && attribute.start() == consumed) {
            consumed = attribute.end();
            String name = attribute.group(1);
            String value =
                    attribute.group(3) != null ? attribute.group(3).replaceAll("\\\\(.)", "$1") : attribute.group(4);
            switch (name) {
                case "reason" -> reason = value;
                case "until" -> {
                    try {
                        until = LocalDate.parse(value);
                    } catch (DateTimeParseException e) {
                        problems.add(new SuppressionProblem(
                                at,
                                "until " + rule + " " + value,
                                "workflow:ignore " + rule + " has until=" + value
                                        + ", which is not a date (YYYY-MM-DD)"));
                        return;
                    }
                }
                default -> {
                    problems.add(new SuppressionProblem(
                            at,
                            "attribute " + rule + " " + name,
                            "workflow:ignore " + rule + " has an unknown attribute \"" + name
                                    + "\"; use reason=\"…\" and until=YYYY-MM-DD"));
                    return;
                }
            }
        }
        if (!attributes.substring(consumed).isBlank()) {
            problems.add(new SuppressionProblem(
                    at,
                    "unreadable " + rule,
                    "workflow:ignore " + rule + " cannot be read after \""
                            + attributes.substring(0, consumed).trim() + "\"; write reason=\"…\" in double quotes"));
            return;
        }
        if (reason == null || reason.isBlank()) {
            problems.add(new SuppressionProblem(
                    at,
                    "no reason " + rule,
                    "workflow:ignore " + rule + " has no reason; a suppression must say why: reason=\"…\""));
            return;
        }
        into.add(new Suppression(rule, reason.trim(), until, at, scope));
    }

    /** The suppression annotations of a rendered object. */
    public void readAnnotations(KubeObject object, List<Suppression> into, List<SuppressionProblem> problems) {
        if (object.annotations() == null) {
            return;
        }
        for (YamlEntry entry : object.annotations().entries()) {
            if (!entry.name().startsWith(ANNOTATION)) {
                continue;
            }
            String rule = entry.name().substring(ANNOTATION.length());
            Location at = object.locationOf(entry);
            String reason = entry.value() instanceof YamlScalar scalar && !scalar.isNull() ? scalar.text() : "";
            if (!ruleIds.contains(rule)) {
                problems.add(new SuppressionProblem(
                        at,
                        "unknown rule " + rule + " on " + object.ref(),
                        object.ref() + " annotation " + entry.name() + " names \"" + rule + "\", which is not a rule id"
                                + ClosestName.didYouMean(rule, ruleIds)));
            } else if (reason.isBlank()) {
                problems.add(new SuppressionProblem(
                        at,
                        "no reason " + rule + " on " + object.ref(),
                        object.ref() + " annotation " + entry.name() + " has no reason; its value must say why"));
            } else {
                into.add(new Suppression(
                        rule,
                        reason.trim(),
                        null,
                        at,
                        new Suppression.ObjectScope(object.file().displayName(), object.ref())));
            }
        }
    }

    /** A POM `<suppression>` entry. */
    public void readConfigured(
            String rule,
            String fileGlob,
            String valuesPath,
            String object,
            String reason,
            String until,
            Location at,
            List<Suppression> into,
            List<SuppressionProblem> problems) {
        if (rule == null || !ruleIds.contains(rule.trim())) {
            problems.add(new SuppressionProblem(
                    at,
                    "unknown rule " + rule,
                    "<suppression> names \"" + rule + "\", which is not a rule id"
                            + ClosestName.didYouMean(rule, ruleIds)));
            return;
        }
        if (reason == null || reason.isBlank()) {
            problems.add(new SuppressionProblem(
                    at,
                    "no reason " + rule.trim(),
                    "<suppression> for " + rule.trim() + " has no <reason>; a suppression must say why"));
            return;
        }
        LocalDate date = null;
        if (until != null && !until.isBlank()) {
            try {
                date = LocalDate.parse(until.trim());
            } catch (DateTimeParseException e) {
                problems.add(new SuppressionProblem(
                        at,
                        "until " + rule.trim() + " " + until,
                        "<suppression> for " + rule.trim() + " has <until>" + until
                                + "</until>, which is not a date (YYYY-MM-DD)"));
                return;
            }
        }
        into.add(new Suppression(
                rule.trim(), reason.trim(), date, at, new Suppression.Filter(fileGlob, valuesPath, object)));
    }
}
