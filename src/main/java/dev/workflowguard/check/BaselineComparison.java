package dev.workflowguard.check;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.suppress.Baseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stage that compares the findings with the baseline, when one is configured: the findings it
 * holds are accepted for now, and its entries no finding matches any more have been fixed since.
 *
 * @param fresh the findings the baseline does not hold: those that can fail the build
 * @param accepted the findings the baseline holds
 * @param fixed the baseline's entries no finding matches
 */
record BaselineComparison(List<Finding> fresh, List<Finding> accepted, List<Baseline.Entry> fixed) {

    static final String PARAMETER = "baseline / workflow.baseline";

    static BaselineComparison compare(CheckInputs inputs, List<Finding> active) throws InputException {
        if (inputs.request().baseline() == null) {
            return new BaselineComparison(active, List.of(), List.of());
        }
        Baseline baseline = read(inputs);
        Map<Boolean, List<Finding>> held = active.stream().collect(Collectors.partitioningBy(baseline::contains));
        return new BaselineComparison(held.get(false), held.get(true), baseline.fixed(active));
    }

    private static Baseline read(CheckInputs inputs) throws InputException {
        String configured = inputs.request().baseline();
        Path file = inputs.files().resolve(configured);
        if (!Files.isRegularFile(file)) {
            throw new InputException(configured + " does not exist; write it with `mvn workflow:baseline`", PARAMETER);
        }
        try {
            return Baseline.read(file);
        } catch (IOException e) {
            throw new InputException(configured + " " + e.getMessage(), PARAMETER);
        }
    }
}
