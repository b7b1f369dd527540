package dev.workflowguard.check;

import dev.workflowguard.yaml.SourceReader;
import dev.workflowguard.yaml.YamlLoader;

/**
 * The first stage: the request, with what every later stage reads files through (paths resolved
 * against the base directory, the reader that honours the limits and in-memory overrides, the YAML
 * loader). Refuses a request that names nothing to check.
 */
record CheckInputs(CheckRequest request, InputFiles files, SourceReader reader, YamlLoader loader) {

    static CheckInputs of(CheckRequest request) throws InputException {
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
        return new CheckInputs(
                request,
                new InputFiles(request.baseDirectory()),
                new SourceReader(request.limits(), request.textOverrides()),
                new YamlLoader(request.limits()));
    }
}
