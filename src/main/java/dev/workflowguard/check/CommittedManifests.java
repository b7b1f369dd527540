package dev.workflowguard.check;

import dev.workflowguard.manifests.ManifestReader;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.rules.RuleInputs;
import dev.workflowguard.suppress.Suppression;
import dev.workflowguard.suppress.SuppressionProblem;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The stage that reads the committed manifests, on every core. Several files without a chart are
 * checked one file at a time as they are read ({@link FileByFileCheck}), so that a repository of
 * many clusters' renders never holds every cluster's objects; when the files disagree on evidence
 * some rules look for anywhere, they are read again and kept as one set. One file, or files next
 * to a chart (whose render they complete), are kept as one set from the start.
 *
 * @param objects the objects, kept as one set; null without manifests or when checked file by file
 * @param byFile the findings, secrets and annotation suppressions of the file-by-file check, or
 *     null when the objects were kept as one set
 * @param files the manifest files read, in order
 * @param comments the suppression comments the files hold
 * @param notes remarks for the log (the files were checked as one set after all)
 */
record CommittedManifests(
        ManifestSet objects,
        FileByFileCheck.Result byFile,
        List<SourceFile> files,
        ManifestComments comments,
        List<String> notes) {

    static final String READ_AGAIN = "the manifest files differ in evidence some rules look for anywhere (router "
            + "Service, autoscaler, certificate, whitelist, roles), so they were read again and checked as one set";

    static CommittedManifests read(
            CheckInputs inputs,
            RuleSettings rules,
            WorkflowRelease release,
            UserValues values,
            Checker.Progress progress)
            throws InputException {
        CheckRequest request = inputs.request();
        ManifestComments comments = new ManifestComments(rules.ids());
        if (request.manifests().isEmpty()) {
            return new CommittedManifests(null, null, List.of(), comments, List.of());
        }
        List<ManifestReader.Input> files = new ArrayList<>();
        for (String configured : request.manifests()) {
            for (Path path : inputs.files().manifestFiles(configured)) {
                files.add(new ManifestReader.Input(path, inputs.files().displayName(path)));
            }
        }
        ManifestReader reader = new ManifestReader(inputs.loader(), RuleInputs.selection(request.rules()));
        ManifestReader.FileSource source = inputs.reader()::read;
        BiConsumer<Integer, Integer> filesRead = progress::filesRead;
        try {
            if (release.chart() == null && files.size() > 1) {
                FileByFileCheck byFile = new FileByFileCheck(
                        rules.rules(),
                        values.effective(),
                        release.version(),
                        request.externalCertificate(),
                        rules.fixOptions(),
                        rules.ids());
                FileByFileCheck.Joiner joiner = byFile.joiner();
                reader.readEach(files, source, comments, filesRead, byFile::check, joiner);
                FileByFileCheck.Result joined = joiner.result();
                if (joined.consistent()) {
                    return new CommittedManifests(null, joined, joined.files(), comments, List.of());
                }
                // Evidence in one file changes what another's objects mean: check them as one set.
                ManifestSet objects = reader.read(files, source, ManifestComments.NONE, filesRead);
                return new CommittedManifests(objects, null, objects.files(), comments, List.of(READ_AGAIN));
            }
            ManifestSet objects = reader.read(files, source, comments, filesRead);
            return new CommittedManifests(objects, null, objects.files(), comments, List.of());
        } catch (YamlException e) {
            throw new InputException(e.getMessage(), Parameters.MANIFESTS);
        } catch (UncheckedIOException e) {
            throw new InputException(e.getCause().getMessage(), Parameters.MANIFESTS);
        }
    }

    /** The annotation suppressions the file-by-file check read (none when the objects are kept as one set). */
    List<Suppression> annotations() {
        return byFile == null ? List.of() : byFile.suppressions();
    }

    /** The annotations the file-by-file check could not read as suppressions. */
    List<SuppressionProblem> annotationProblems() {
        return byFile == null ? List.of() : byFile.problems();
    }
}
