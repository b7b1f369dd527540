package dev.workflowguard.report;

import dev.workflowguard.check.CheckResult;
import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.suppress.SuppressedFinding;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Jenkins and GitLab display it: one test case per rule and checked file; a finding
 * at or above `failOnSeverity` is a failure, one below it is listed in the case's output, a
 * suppressed one makes the case skipped with its reason.
 */
public final class JUnitReport {

    private JUnitReport() {}

    public static void write(OutputStream out, CheckResult result, Severity failOn, Set<String> disabledRules)
            throws XMLStreamException {
        write(out, result, failOn, disabledRules, RuleCatalogue.ids());
    }

    /** @param ruleIds the rules the check ran (the catalogue, or a tool's own), with the rules about suppressions */
    public static void write(
            OutputStream out, CheckResult result, Severity failOn, Set<String> disabledRules, List<String> ruleIds)
            throws XMLStreamException {
        Set<String> targets = new LinkedHashSet<>(result.checkedFiles());
        result.findings().forEach(f -> targets.add(f.location().fileName()));
        result.suppressed().forEach(s -> targets.add(s.finding().location().fileName()));
        List<String> rules =
                ruleIds.stream().filter(id -> !disabledRules.contains(id)).toList();

        int tests = targets.size() * rules.size();
        int failures = 0;
        int skipped = 0;
        for (String target : targets) {
            for (String rule : rules) {
                if (!failing(result, target, rule, failOn).isEmpty()) {
                    failures++;
                } else if (!suppressed(result, target, rule).isEmpty()
                        && findings(result, target, rule).isEmpty()) {
                    skipped++;
                }
            }
        }
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuites");
        xml.writeAttribute("name", "workflow-guard");
        xml.writeAttribute("tests", Integer.toString(tests));
        xml.writeAttribute("failures", Integer.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", Integer.toString(skipped));
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", "workflow-guard");
        xml.writeAttribute("tests", Integer.toString(tests));
        xml.writeAttribute("failures", Integer.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", Integer.toString(skipped));
        for (String target : targets) {
            for (String rule : rules) {
                xml.writeCharacters("\n    ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", target);
                xml.writeAttribute("name", rule);
                xml.writeAttribute("time", "0");
                List<Finding> failing = failing(result, target, rule, failOn);
                List<Finding> all = findings(result, target, rule);
                if (!failing.isEmpty()) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", failing.get(0).severity().id());
                    xml.writeAttribute("message", failing.get(0).message());
                    xml.writeCharacters(lines(failing));
                    xml.writeEndElement();
                } else if (all.isEmpty() && !suppressed(result, target, rule).isEmpty()) {
                    xml.writeStartElement("skipped");
                    xml.writeAttribute(
                            "message",
                            "suppressed: "
                                    + suppressed(result, target, rule)
                                            .get(0)
                                            .suppression()
                                            .reason());
                    xml.writeEndElement();
                }
                if (!all.isEmpty() && failing.size() < all.size()) {
                    xml.writeStartElement("system-out");
                    List<Finding> below = new ArrayList<>(all);
                    below.removeAll(failing);
                    xml.writeCharacters(lines(below));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.close();
    }

    private static List<Finding> findings(CheckResult result, String target, String rule) {
        return result.findings().stream()
                .filter(f -> f.rule().equals(rule) && f.location().fileName().equals(target))
                .toList();
    }

    private static List<Finding> failing(CheckResult result, String target, String rule, Severity failOn) {
        return findings(result, target, rule).stream()
                .filter(f -> failOn != null && f.severity().atLeast(failOn))
                .toList();
    }

    private static List<SuppressedFinding> suppressed(CheckResult result, String target, String rule) {
        return result.suppressed().stream()
                .filter(s -> s.finding().rule().equals(rule)
                        && s.finding().location().fileName().equals(target))
                .toList();
    }

    private static String lines(List<Finding> findings) {
        StringBuilder text = new StringBuilder();
        for (Finding finding : findings) {
            for (Place place : finding.places()) {
                text.append(ConsoleReport.line(finding, place)).append('\n');
            }
        }
        return text.toString();
    }
}
