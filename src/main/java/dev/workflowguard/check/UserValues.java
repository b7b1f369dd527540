package dev.workflowguard.check;

import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.SetValues;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.TextPosition;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The stage that reads the user's values: each values file, in Helm order, then the {@code --set}
 * expressions, merged as Helm merges them over the release's defaults.
 *
 * @param files the values files read, in Helm order
 * @param sources the files and, last, the {@code --set} expressions when there are any
 * @param effective Helm's view of the sources over the defaults, or null when there are no sources
 */
record UserValues(List<ValuesSource> files, List<ValuesSource> sources, EffectiveValues effective) {

    static UserValues read(CheckInputs inputs, WorkflowRelease release) throws InputException {
        CheckRequest request = inputs.request();
        List<ValuesSource> files = new ArrayList<>();
        for (String configured : request.valuesFiles()) {
            files.add(readFile(inputs, configured));
        }
        List<ValuesSource> sources = new ArrayList<>(files);
        if (!request.setValues().isEmpty()) {
            try {
                sources.add(SetValues.parse(request.setValues()));
            } catch (SetValues.SetException e) {
                throw new InputException(e.getMessage(), Parameters.SET);
            }
        }
        List<ValuesSource> all = List.copyOf(sources);
        return new UserValues(
                List.copyOf(files), all, all.isEmpty() ? null : new EffectiveValues(all, release.defaults()));
    }

    /** The values files as read, for the result and the fix. */
    List<SourceFile> sourceFiles() {
        return files.stream().map(ValuesSource::file).toList();
    }

    private static ValuesSource readFile(CheckInputs inputs, String configured) throws InputException {
        Path path = inputs.files().valuesFile(configured);
        SourceFile file;
        YamlDocument document;
        try {
            file = inputs.reader().read(path, inputs.files().displayName(path));
            document = inputs.loader().loadFirst(file);
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
}
