package dev.workflowguard.check;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestReader;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.render.Chart;
import dev.workflowguard.render.ChartLoader;
import dev.workflowguard.render.ChartValuesDefaults;
import dev.workflowguard.render.HelmRenderer;
import dev.workflowguard.render.Provenance;
import dev.workflowguard.render.RenderException;
import dev.workflowguard.rules.CheckContext;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleFindings;
import dev.workflowguard.secrets.SecretMask;
import dev.workflowguard.suppress.Baseline;
import dev.workflowguard.suppress.Suppressor;
import dev.workflowguard.values.ChartDefaults;
import dev.workflowguard.values.DefaultValues;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.SetValues;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.values.WorkflowVersion;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Runs a check: validates the configuration, reads values and manifests, runs every enabled rule
 * and returns the findings. Stateless and safe to share between threads.
 */
public final class Checker {

    /** Told how many manifest files are read, as reading goes (for a progress line on large repositories). */
    @FunctionalInterface
    public interface Progress {
        void filesRead(int done, int total);
    }

    private final Progress progress;

    /** Tells nothing. */
    private static final Progress SILENT = new Progress() {
        @Override
        public void filesRead(int done, int total) {}
    };

    public Checker() {
        this(SILENT);
    }

    public Checker(Progress progress) {
        this.progress = progress;
    }

    /** File, line, column, rule. */
    private static final Comparator<Finding> ORDER = new Comparator<>() {
        @Override
        public int compare(Finding a, Finding b) {
            int order = a.location().fileName().compareTo(b.location().fileName());
            if (order == 0) {
                order = Integer.compare(a.location().line(), b.location().line());
            }
            if (order == 0) {
                order = Integer.compare(a.location().column(), b.location().column());
            }
            return order != 0 ? order : a.rule().compareTo(b.rule());
        }
    };

    public CheckResult check(CheckRequest request) throws InputException {
        if (request.valuesFiles().isEmpty()
                && request.manifests().isEmpty()
                && request.chart() == null
                && request.setValues().isEmpty()) {
            throw new InputException(
                    "nothing to check: configure the Helm values files with <valuesFiles> "
                            + "(or -Dworkflow.values=values.yaml,prod.yaml), rendered manifests with <manifests> "
                            + "(or -Dworkflow.manifests=rendered/), and/or the chart to render with <chart> "
                            + "(or -Dworkflow.chart=charts/workflow)",
                    Parameters.VALUES + ", " + Parameters.MANIFESTS + ", " + RenderedChart.PARAMETER);
        }
        Map<String, Severity> severities = validateRules(request);
        WorkflowVersion version = parseVersion(request.workflowVersion());
        List<String> notes = new ArrayList<>();
        InputFiles inputs = new InputFiles(request.baseDirectory());
        SourceReader reader = new SourceReader(request.limits(), request.textOverrides());
        YamlLoader loader = new YamlLoader(request.limits());

        Chart chart = null;
        DefaultValues defaults;
        if (request.chart() != null) {
            chart = loadChart(request, inputs);
            if (chart.version().isSet()) {
                if (version.isSet() && !version.display().equals(chart.version().display())) {
                    notes.add("the chart is Workflow " + chart.version().display() + "; its Chart.yaml version is used "
                            + "instead of the configured " + version.display());
                }
                version = chart.version();
            }
            defaults = readChartDefaults(chart, request, version);
        } else {
            defaults = ChartDefaults.forVersion(version);
        }
        if (!version.isSet()) {
            notes.add("Workflow version not configured (<workflowVersion> / -Dworkflow.version): defaults that "
                    + "changed between releases are not assumed");
        } else if (!version.isKnown()) {
            notes.add("Workflow " + version.display() + " is not a known release (2.0 – 2.23): defaults that changed "
                    + "between releases are not assumed");
        }

        List<ValuesSource> files = new ArrayList<>();
        for (String configured : request.valuesFiles()) {
            files.add(readValues(inputs, reader, loader, configured));
        }
        List<ValuesSource> sources = new ArrayList<>(files);
        if (!request.setValues().isEmpty()) {
            try {
                sources.add(SetValues.parse(request.setValues()));
            } catch (SetValues.SetException e) {
                throw new InputException(e.getMessage(), Parameters.SET);
            }
        }
        EffectiveValues values = sources.isEmpty() ? null : new EffectiveValues(sources, defaults);

        ManifestSet committed = null;
        FileByFileCheck.Result byFile = null;
        List<SourceFile> manifestFiles = new ArrayList<>();
        Acceptance.Comments manifestComments = new Acceptance.Comments();
        if (!request.manifests().isEmpty()) {
            List<ManifestReader.Input> manifestInputs = new ArrayList<>();
            for (String configured : request.manifests()) {
                for (Path path : inputs.manifestFiles(configured)) {
                    manifestInputs.add(new ManifestReader.Input(path, inputs.displayName(path)));
                }
            }
            try {
                ManifestReader manifestReader = new ManifestReader(loader);
                // Classes rather than method references, as in ManifestReader: no lambda to spin up in a cold build.
                ManifestReader.FileSource source = new ManifestReader.FileSource() {
                    @Override
                    public SourceFile read(Path path, String displayName) throws YamlException {
                        return reader.read(path, displayName);
                    }
                };
                BiConsumer<Integer, Integer> filesRead = new BiConsumer<>() {
                    @Override
                    public void accept(Integer done, Integer total) {
                        progress.filesRead(done, total);
                    }
                };
                if (chart == null && manifestInputs.size() > 1) {
                    FileByFileCheck byFileCheck = new FileByFileCheck(
                            enabledRules(request),
                            values,
                            version,
                            request,
                            new java.util.HashSet<>(RuleCatalogue.ids()));
                    FileByFileCheck.Joiner joiner = byFileCheck.joiner();
                    manifestReader.readEach(manifestInputs, source, manifestComments, filesRead, byFileCheck, joiner);
                    FileByFileCheck.Result joined = joiner.result();
                    if (joined.consistent()) {
                        byFile = joined;
                    } else {
                        // Evidence in one file changes what another's objects mean: check them as one set.
                        notes.add("the manifest files differ in evidence some rules look for anywhere (router Service, "
                                + "autoscaler, certificate, whitelist, roles), so they were read again and checked as "
                                + "one set");
                        committed = manifestReader.read(manifestInputs, source, Acceptance.Comments.NONE, filesRead);
                    }
                } else {
                    committed = manifestReader.read(manifestInputs, source, manifestComments, filesRead);
                }
            } catch (YamlException e) {
                throw new InputException(e.getMessage(), Parameters.MANIFESTS);
            } catch (java.io.UncheckedIOException e) {
                throw new InputException(e.getCause().getMessage(), Parameters.MANIFESTS);
            }
            manifestFiles.addAll(byFile != null ? byFile.files() : committed.files());
        }

        SecretMask.Builder secretsFound = SecretMask.builder();
        for (ValuesSource source : sources) {
            secretsFound.values(source);
        }
        if (committed != null) {
            for (KubeObject object : committed.objects()) {
                secretsFound.object(object);
            }
        }
        if (byFile != null) {
            secretsFound.add(byFile.secrets());
        }
        SecretMask secrets = secretsFound.build();

        RenderedChart rendered = null;
        ManifestSet manifests = committed;
        if (chart != null) {
            try {
                rendered = RenderedChart.render(chart, request, files, loader);
            } catch (InputException e) {
                throw e.masked(secrets);
            }
            for (KubeObject object : rendered.objects().objects()) {
                secretsFound.object(object);
            }
            secrets = secretsFound.build();
            notes.add("rendered " + chart.displayRoot() + " (Workflow " + version.display() + ") with Helm: "
                    + rendered.objects().objects().size() + " objects checked"
                    + (rendered.cached() ? " (render reused)" : " in " + rendered.millis() + " ms"));
            manifests = RenderedChart.combine(rendered, committed);
        }

        // One provenance for the rules' questions and the relocation after them: they share its probe renders.
        Provenance provenance = rendered == null
                ? null
                : new Provenance(
                        new HelmRenderer(request.helmLibrary()),
                        rendered.request(),
                        rendered.objects(),
                        rendered.file(),
                        values,
                        defaults,
                        loader,
                        reader);
        CheckContext context = new CheckContext(
                values,
                manifests,
                version,
                request.externalCertificate(),
                request.fixOptions(),
                rendered == null ? null : rendered.objects(),
                committed,
                provenance);
        List<Finding> findings = byFile != null
                ? findings(enabledRules(request), byFile.findings(), severities)
                : runRules(context, request, severities);
        if (provenance != null) {
            findings = provenance.relocate(findings);
        }
        // Every message leaves the engine masked: the reports, the baseline and the log all come from these.
        List<Finding> masked = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            masked.add(secrets.mask(finding));
        }
        findings = masked;
        List<SourceFile> valuesFiles = new ArrayList<>(files.size());
        List<String> checked = new ArrayList<>();
        for (ValuesSource file : files) {
            valuesFiles.add(file.file());
            checked.add(file.file().displayName());
        }
        for (SourceFile file : manifestFiles) {
            checked.add(file.displayName());
        }
        List<SourceFile> suppressible = new ArrayList<>(valuesFiles);
        Suppressor.Outcome outcome = Acceptance.suppress(
                request,
                findings,
                suppressible,
                manifestComments,
                manifests,
                byFile == null ? List.of() : byFile.suppressions(),
                byFile == null ? List.of() : byFile.problems(),
                provenance);
        List<Finding> active = new ArrayList<>(outcome.active());
        for (Suppressor.MetaFinding meta : outcome.meta()) {
            if (!request.disabledRules().contains(meta.rule())) {
                Severity severity = severities.getOrDefault(
                        meta.rule(),
                        RuleCatalogue.info(meta.rule()).orElseThrow().defaultSeverity());
                active.add(new Finding(meta.rule(), severity, meta.cause(), List.of(meta.place()), null));
            }
        }
        List<Finding> baselined = new ArrayList<>();
        List<Baseline.Entry> fixed = List.of();
        if (request.baseline() != null) {
            Baseline baseline = Acceptance.readBaseline(request, inputs);
            List<Finding> fresh = new ArrayList<>();
            for (Finding finding : active) {
                (baseline.contains(finding) ? baselined : fresh).add(finding);
            }
            fixed = baseline.fixed(active);
            active = fresh;
        }
        active.sort(ORDER);
        baselined.sort(ORDER);
        int chartFiles = chart == null ? 0 : chart.files();
        return new CheckResult(
                active,
                files.size() + manifestFiles.size() + chartFiles,
                version,
                notes,
                valuesFiles,
                outcome.suppressed(),
                baselined,
                fixed,
                checked,
                secrets,
                chart == null ? null : inputs.displayName(inputs.resolve(request.chart())),
                chartFiles,
                values);
    }

    private static List<Finding> runRules(
            CheckContext context, CheckRequest request, Map<String, Severity> severities) {
        List<Rule> rules = enabledRules(request);
        List<RuleFindings> collected = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            RuleFindings found = new RuleFindings();
            rule.check(context, found);
            collected.add(found);
        }
        return findings(rules, collected, severities);
    }

    private static List<Rule> enabledRules(CheckRequest request) {
        List<Rule> enabled = new ArrayList<>();
        for (Rule rule : RuleCatalogue.all()) {
            if (!request.disabledRules().contains(rule.id())) {
                enabled.add(rule);
            }
        }
        return enabled;
    }

    /** Each rule's causes as findings, at the severity configured or asked for. */
    private static List<Finding> findings(
            List<Rule> rules, List<RuleFindings> collected, Map<String, Severity> severities) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            Severity override = severities.get(rule.id());
            for (RuleFindings.Pending pending : collected.get(i).pending()) {
                Severity severity = override != null
                        ? override
                        : pending.severityHint() != null
                                ? pending.severityHint()
                                : rule.info().defaultSeverity();
                findings.add(new Finding(
                        rule.id(),
                        severity,
                        pending.cause(),
                        pending.places(),
                        pending.fix(),
                        pending.manifestFixes()));
            }
        }
        return findings;
    }

    private static Chart loadChart(CheckRequest request, InputFiles inputs) throws InputException {
        try {
            return new ChartLoader(request.limits()).load(inputs.resolve(request.chart()), request.chart());
        } catch (RenderException e) {
            throw new InputException(e.getMessage(), RenderedChart.PARAMETER);
        }
    }

    private static DefaultValues readChartDefaults(Chart chart, CheckRequest request, WorkflowVersion version)
            throws InputException {
        try {
            return ChartValuesDefaults.read(chart, request.limits(), version);
        } catch (RenderException e) {
            throw new InputException(e.getMessage(), RenderedChart.PARAMETER);
        }
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
            return new ValuesSource(
                    file, new YamlMap(file, TextPosition.START, TextPosition.START, new LinkedHashMap<>()), List.of());
        }
        if (!(document.root() instanceof YamlMap root)) {
            TextPosition at = document.root().start();
            throw new InputException(
                    file.displayName() + ":" + at + ": a values file must be a mapping of keys at "
                            + "its top level, but this one is "
                            + document.root().describeType(),
                    Parameters.VALUES);
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
            if (RuleCatalogue.info(id).isEmpty()) {
                throw new InputException(
                        "'" + id + "' is not a rule id; known rules: " + String.join(", ", RuleCatalogue.ids()),
                        Parameters.DISABLED);
            }
        }
        Map<String, Severity> severities = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : request.severities().entrySet()) {
            if (RuleCatalogue.info(entry.getKey()).isEmpty()) {
                throw new InputException(
                        "'" + entry.getKey() + "' is not a rule id; known rules: "
                                + String.join(", ", RuleCatalogue.ids()),
                        Parameters.SEVERITIES);
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
