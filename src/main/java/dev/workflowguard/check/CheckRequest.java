package dev.workflowguard.check;

import dev.workflowguard.render.HelmLibrary;
import dev.workflowguard.render.RenderCache;
import dev.workflowguard.rules.FixOptions;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.suppress.ConfiguredSuppression;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlLimits;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to check and how, as configured by the user. Paths are kept as written (relative to the
 * base directory) so that messages can repeat them.
 *
 * @param baseDirectory the project base directory; relative paths and displayed names are relative to it
 * @param valuesFiles values files in Helm order (later wins)
 * @param manifests rendered manifest files or folders
 * @param workflowVersion the Workflow release, or null
 * @param disabledRules rule ids not to run
 * @param severities per-rule severity overrides (rule id → error/warning/info)
 * @param externalCertificate a certificate managed outside the chart (satisfies tls-missing), or null
 * @param limits YAML reading limits
 * @param fixOptions the choices fixes are proposed with
 * @param textOverrides in-memory versions of files to check instead of what is on disk (by absolute path)
 * @param chart the chart folder or .tgz to render, or null
 * @param releaseName the release name to render with
 * @param namespace the namespace to render into
 * @param setValues Helm `--set` expressions, applied after the values files
 * @param suppressions `<suppression>` entries from the POM
 * @param baseline the baseline file of accepted findings, or null
 * @param today the date suppressions expire against
 * @param helmLibrary where Helm is loaded from when the chart is rendered
 * @param rules the rules to run (the catalogue unless a test or tool brings its own)
 * @param renderCache where renders of the chart are kept between builds, or null to keep them in memory only
 */
public record CheckRequest(
        Path baseDirectory,
        List<String> valuesFiles,
        List<String> manifests,
        String workflowVersion,
        Set<String> disabledRules,
        Map<String, String> severities,
        String externalCertificate,
        YamlLimits limits,
        FixOptions fixOptions,
        Map<Path, SourceFile> textOverrides,
        String chart,
        String releaseName,
        String namespace,
        List<String> setValues,
        List<ConfiguredSuppression> suppressions,
        String baseline,
        LocalDate today,
        HelmLibrary helmLibrary,
        List<Rule> rules,
        RenderCache renderCache) {

    public CheckRequest {
        valuesFiles = List.copyOf(valuesFiles);
        manifests = List.copyOf(manifests);
        disabledRules = Set.copyOf(disabledRules);
        severities = Map.copyOf(severities);
        textOverrides = Map.copyOf(textOverrides);
        setValues = List.copyOf(setValues);
        suppressions = List.copyOf(suppressions);
        baseline = baseline == null || baseline.isBlank() ? null : baseline.trim();
        today = today == null ? LocalDate.now() : today;
        releaseName = releaseName == null || releaseName.isBlank() ? "deis" : releaseName.trim();
        namespace = namespace == null || namespace.isBlank() ? "deis" : namespace.trim();
        chart = chart == null || chart.isBlank() ? null : chart.trim();
        helmLibrary = helmLibrary == null ? HelmLibrary.ON_CLASS_PATH : helmLibrary;
        rules = rules == null ? RuleCatalogue.all() : List.copyOf(rules);
    }

    /** The same request, reading the given in-memory files instead of the disk. */
    public CheckRequest withOverrides(Map<Path, SourceFile> overrides) {
        return new CheckRequest(
                baseDirectory,
                valuesFiles,
                manifests,
                workflowVersion,
                disabledRules,
                severities,
                externalCertificate,
                limits,
                fixOptions,
                overrides,
                chart,
                releaseName,
                namespace,
                setValues,
                suppressions,
                baseline,
                today,
                helmLibrary,
                rules,
                renderCache);
    }

    public static Builder builder(Path baseDirectory) {
        return new Builder(baseDirectory);
    }

    /** Builds a request step by step; blank and null entries are ignored, as Maven passes them. */
    public static final class Builder {
        private final Path baseDirectory;
        private final List<String> valuesFiles = new ArrayList<>();
        private final List<String> manifests = new ArrayList<>();
        private String workflowVersion;
        private final Set<String> disabledRules = new LinkedHashSet<>();
        private final Map<String, String> severities = new LinkedHashMap<>();
        private String externalCertificate;
        private YamlLimits limits = YamlLimits.DEFAULTS;
        private FixOptions fixOptions = FixOptions.DEFAULTS;
        private String chart;
        private String releaseName;
        private String namespace;
        private final List<String> setValues = new ArrayList<>();
        private final List<ConfiguredSuppression> suppressions = new ArrayList<>();
        private String baseline;
        private LocalDate today;
        private HelmLibrary helmLibrary;
        private List<Rule> rules;
        private RenderCache renderCache;

        private Builder(Path baseDirectory) {
            this.baseDirectory = baseDirectory;
        }

        public Builder values(List<String> files) {
            addTrimmed(files, valuesFiles);
            return this;
        }

        public Builder values(String... files) {
            return values(List.of(files));
        }

        public Builder manifests(List<String> paths) {
            addTrimmed(paths, manifests);
            return this;
        }

        public Builder manifests(String... paths) {
            return manifests(List.of(paths));
        }

        public Builder workflowVersion(String version) {
            this.workflowVersion = version;
            return this;
        }

        public Builder disabledRules(List<String> ids) {
            addTrimmed(ids, disabledRules);
            return this;
        }

        public Builder severities(Map<String, String> overrides) {
            if (overrides != null) {
                severities.putAll(overrides);
            }
            return this;
        }

        public Builder externalCertificate(String description) {
            this.externalCertificate = description;
            return this;
        }

        public Builder limits(YamlLimits yamlLimits) {
            this.limits = yamlLimits;
            return this;
        }

        public Builder fixOptions(FixOptions options) {
            this.fixOptions = options;
            return this;
        }

        /** A chart folder or .tgz to render with Helm. */
        public Builder chart(String chartPath) {
            this.chart = chartPath;
            return this;
        }

        public Builder release(String name, String inNamespace) {
            this.releaseName = name;
            this.namespace = inNamespace;
            return this;
        }

        /** Helm `--set` expressions, applied after the values files. */
        public Builder set(List<String> expressions) {
            if (expressions != null) {
                expressions.stream()
                        .filter(expression -> expression != null && !expression.isBlank())
                        .forEach(setValues::add);
            }
            return this;
        }

        public Builder set(String... expressions) {
            return set(List.of(expressions));
        }

        public Builder suppressions(List<ConfiguredSuppression> entries) {
            if (entries != null) {
                suppressions.addAll(entries);
            }
            return this;
        }

        /** The baseline file of accepted findings (relative to the base directory). */
        public Builder baseline(String file) {
            this.baseline = file;
            return this;
        }

        /** The date suppressions expire against (today by default). */
        public Builder today(LocalDate date) {
            this.today = date;
            return this;
        }

        /** Where Helm is loaded from if the chart is rendered (helm-java on the class path by default). */
        public Builder helmLibrary(HelmLibrary library) {
            this.helmLibrary = library;
            return this;
        }

        /** Keeps renders of the chart in this cache between builds (the goals: under target/). */
        public Builder renderCache(RenderCache cache) {
            this.renderCache = cache;
            return this;
        }

        /** The rules to run instead of the catalogue. */
        public Builder rules(List<Rule> checks) {
            this.rules = checks;
            return this;
        }

        private static void addTrimmed(List<String> entries, Collection<String> to) {
            if (entries != null) {
                entries.stream()
                        .filter(entry -> entry != null && !entry.isBlank())
                        .map(String::trim)
                        .forEach(to::add);
            }
        }

        public CheckRequest build() {
            return new CheckRequest(
                    baseDirectory,
                    valuesFiles,
                    manifests,
                    workflowVersion,
                    disabledRules,
                    severities,
                    externalCertificate,
                    limits,
                    fixOptions,
                    Map.of(),
                    chart,
                    releaseName,
                    namespace,
                    setValues,
                    suppressions,
                    baseline,
                    today,
                    helmLibrary,
                    rules,
                    renderCache);
        }
    }
}
