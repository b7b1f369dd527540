package dev.workflowguard.check;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.ManifestReader;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.rules.CheckContext;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleFindings;
import dev.workflowguard.values.ChartDefaults;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.values.WorkflowVersion;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.TextPosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a check: validates the configuration, reads values and manifests, runs every enabled rule
 * and returns the findings. Stateless and safe to share between threads.
 */
public final class Checker {

    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.location().fileName())
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column())
            .thenComparing(Finding::rule);

    public CheckResult check(CheckRequest request) throws InputException {
        if (request.valuesFiles().isEmpty() && request.manifests().isEmpty()) {
            throw new InputException("nothing to check: configure the Helm values files with <valuesFiles> "
                    + "(or -Dworkflow.values=values.yaml,prod.yaml) and/or rendered manifests with <manifests> "
                    + "(or -Dworkflow.manifests=rendered/)", Parameters.VALUES + ", " + Parameters.MANIFESTS);
        }
        Map<String, Severity> severities = validateRules(request);
        WorkflowVersion version = parseVersion(request.workflowVersion());
        List<String> notes = new ArrayList<>();
        if (!version.isSet()) {
            notes.add("Workflow version not configured (<workflowVersion> / -Dworkflow.version): defaults that "
                    + "changed between releases are not assumed");
        } else if (!version.isKnown()) {
            notes.add("Workflow " + version.display() + " is not a known release (2.0 – 2.23): defaults that changed "
                    + "between releases are not assumed");
        }

        InputFiles inputs = new InputFiles(request.baseDirectory());
        SourceReader reader = new SourceReader(request.limits(), request.textOverrides());
        YamlLoader loader = new YamlLoader(request.limits());
        int files = 0;

        EffectiveValues values = null;
        if (!request.valuesFiles().isEmpty()) {
            List<ValuesSource> sources = new ArrayList<>();
            for (String configured : request.valuesFiles()) {
                sources.add(readValues(inputs, reader, loader, configured));
            }
            files += sources.size();
            values = new EffectiveValues(sources, ChartDefaults.forVersion(version));
        }

        ManifestSet manifests = null;
        if (!request.manifests().isEmpty()) {
            List<SourceFile> manifestFiles = new ArrayList<>();
            for (String configured : request.manifests()) {
                for (Path path : inputs.manifestFiles(configured)) {
                    manifestFiles.add(read(reader, path, inputs.displayName(path), Parameters.MANIFESTS));
                }
            }
            try {
                manifests = new ManifestReader(loader).read(manifestFiles);
            } catch (YamlException e) {
                throw new InputException(e.getMessage(), Parameters.MANIFESTS);
            }
            files += manifestFiles.size();
        }

        CheckContext context = new CheckContext(values, manifests, version, request.externalCertificate(),
                request.fixOptions());
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : RuleCatalogue.all()) {
            if (request.disabledRules().contains(rule.id())) {
                continue;
            }
            RuleFindings collected = new RuleFindings();
            rule.check(context, collected);
            Severity override = severities.get(rule.id());
            for (RuleFindings.Pending pending : collected.pending()) {
                Severity severity = override != null ? override
                        : pending.severityHint() != null ? pending.severityHint() : rule.info().defaultSeverity();
                findings.add(new Finding(rule.id(), severity, pending.cause(), pending.places(), pending.fix(),
                        pending.manifestFixes()));
            }
        }
        findings.sort(ORDER);
        List<SourceFile> valuesFiles = values == null ? List.of()
                : values.sources().stream().map(ValuesSource::file).toList();
        return new CheckResult(findings, files, version, notes, valuesFiles);
    }

    private ValuesSource readValues(InputFiles inputs, SourceReader reader, YamlLoader loader, String configured)
            throws InputException {
        Path path = inputs.valuesFile(configured);
        SourceFile file = read(reader, path, inputs.displayName(path), Parameters.VALUES);
        YamlDocument document;
        try {
            document = loader.loadFirst(file);
        } catch (YamlException e) {
            throw new InputException(e.getMessage(), Parameters.VALUES);
        }
        if (document == null || document.isEmpty()) {
            return new ValuesSource(file, new YamlMap(file, TextPosition.START, TextPosition.START,
                    new LinkedHashMap<>()), List.of());
        }
        if (!(document.root() instanceof YamlMap root)) {
            TextPosition at = document.root().start();
            throw new InputException(file.displayName() + ":" + at + ": a values file must be a mapping of keys at "
                    + "its top level, but this one is " + document.root().describeType(), Parameters.VALUES);
        }
        return new ValuesSource(file, root, document.duplicates());
    }

    private static SourceFile read(SourceReader reader, Path path, String displayName, String parameter)
            throws InputException {
        try {
            return reader.read(path, displayName);
        } catch (YamlException e) {
            throw new InputException(e.getMessage(), parameter);
        }
    }

    private static WorkflowVersion parseVersion(String text) throws InputException {
        try {
            return WorkflowVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), Parameters.VERSION);
        }
    }

    private static Map<String, Severity> validateRules(CheckRequest request) throws InputException {
        for (String id : request.disabledRules()) {
            if (RuleCatalogue.find(id).isEmpty()) {
                throw new InputException("'" + id + "' is not a rule id; known rules: "
                        + String.join(", ", RuleCatalogue.ids()), Parameters.DISABLED);
            }
        }
        Map<String, Severity> severities = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : request.severities().entrySet()) {
            if (RuleCatalogue.find(entry.getKey()).isEmpty()) {
                throw new InputException("'" + entry.getKey() + "' is not a rule id; known rules: "
                        + String.join(", ", RuleCatalogue.ids()), Parameters.SEVERITIES);
            }
            try {
                severities.put(entry.getKey(), Severity.parse(entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new InputException("rule " + entry.getKey() + ": " + e.getMessage(), Parameters.SEVERITIES);
            }
        }
        return severities;
    }
}
