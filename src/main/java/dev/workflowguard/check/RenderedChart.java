package dev.workflowguard.check;

import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestReader;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.render.Chart;
import dev.workflowguard.render.HelmRenderer;
import dev.workflowguard.render.RenderException;
import dev.workflowguard.render.RenderRequest;
import dev.workflowguard.rules.RuleInputs;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chart rendered with the user's values: the objects, the in-memory file they were read from
 * (never shown to users: provenance moves every place off it), and the request, kept for probes.
 */
record RenderedChart(ManifestSet objects, SourceFile file, RenderRequest request, long millis, boolean cached) {

    static final String PARAMETER = "chart / workflow.chart";

    static RenderedChart render(Chart chart, CheckRequest check, List<ValuesSource> files, YamlLoader loader)
            throws InputException {
        List<Path> paths = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (ValuesSource source : files) {
            paths.add(helmReadable(source.file()));
            texts.add(source.file().text());
        }
        RenderRequest request = new RenderRequest(
                chart, check.releaseName(), check.namespace(), paths, texts, check.setValues(), Map.of());
        HelmRenderer.Rendered rendered;
        try {
            rendered = new HelmRenderer(check.helmLibrary(), check.renderCache()).render(request);
        } catch (RenderException e) {
            throw new InputException(e.getMessage(), PARAMETER);
        }
        SourceFile file = new SourceFile(
                chart.directory().resolve(".workflow-guard-render.yaml"),
                "helm template " + chart.displayRoot(),
                rendered.text(),
                StandardCharsets.UTF_8,
                false);
        try {
            ManifestSet objects = new ManifestReader(loader, RuleInputs.selection(check.rules())).read(List.of(file));
            if (objects.objects().isEmpty()) {
                // Helm keeps a template whose output is only comments (a licence header outside an `if`), so the
                // text is not blank, yet there is nothing to check: never let that pass.
                throw new InputException(
                        chart.displayRoot() + " renders no Kubernetes objects with these values "
                                + "(only comments or empty documents); a chart that renders no objects cannot be checked",
                        PARAMETER);
            }
            return new RenderedChart(objects, file, request, rendered.millis(), rendered.cached());
        } catch (YamlException e) {
            throw new InputException(
                    chart.displayRoot() + " renders output that is not valid YAML: " + e.problem(), PARAMETER);
        }
    }

    /**
     * The path Helm reads a values file from: the file itself, or, when the check looks at a text
     * not on disk yet (what a dry-run fix would write), a temporary copy of that text.
     */
    private static Path helmReadable(SourceFile file) throws InputException {
        try {
            if (Files.isRegularFile(file.path())
                    && Files.readString(file.path(), file.charset()).equals(file.text())) {
                return file.path();
            }
            Path copy = Files.createTempFile("workflow-guard-values-", ".yaml");
            copy.toFile().deleteOnExit();
            Files.writeString(copy, file.text().replace("\uFEFF", ""), StandardCharsets.UTF_8);
            return copy;
        } catch (IOException e) {
            throw new InputException(
                    file.displayName() + " cannot be passed to Helm: " + e.getMessage(), Parameters.VALUES);
        }
    }

    /** The render's objects plus the committed objects the chart does not render (an HPA, a certificate…). */
    static ManifestSet combine(RenderedChart rendered, ManifestSet committed) {
        if (committed == null) {
            return rendered.objects();
        }
        List<KubeObject> objects = new ArrayList<>(rendered.objects().objects());
        committed.objects().stream()
                .filter(o -> !rendered.objects().contains(o.kind(), o.name()))
                .forEach(objects::add);
        List<ManifestSet.ManifestDuplicate> duplicates =
                new ArrayList<>(rendered.objects().duplicates());
        duplicates.addAll(committed.duplicates());
        return new ManifestSet(objects, duplicates, committed.files());
    }
}
