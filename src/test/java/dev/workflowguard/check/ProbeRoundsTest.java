package dev.workflowguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.testing.Findings;
import dev.workflowguard.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a chart, the questions the rules ask of the probe (does the fork read `router.replicas`?) and those tracing
 * what they found back to values lines are rendered in one round, on every core, instead of one round after
 * another: the rules first run only to learn what they will ask. The answers are still the renders': the fork's
 * replica key is named because a render proved it, and the findings are those of a check that asked round after
 * round.
 */
class ProbeRoundsTest {

    @TempDir
    Path dir;

    private TestRepo fork() throws Exception {
        return new TestRepo(dir)
                .chart("workflow-fork")
                .file("values.yaml", "controller:\n  registration_mode: enabled\n");
    }

    @Test
    void theRulesQuestionsAndTheTracingsAreRenderedInOneRound() throws Exception {
        TestRepo repo = fork();
        CheckRequest request = CheckRequest.builder(repo.dir())
                .chart("charts/workflow")
                .values("values.yaml")
                .build();
        List<String> rounds = new ArrayList<>();
        CheckResult result = new Checker(new Checker.Progress() {
                    @Override
                    public void filesRead(int done, int total) {}

                    @Override
                    public void working(String doing) {
                        if (doing != null && doing.startsWith("tracing the findings")) {
                            rounds.add(doing);
                        }
                    }
                })
                .check(request);

        Finding router = Findings.single(result, "single-router");
        assertEquals("router.replicas", router.primary().valuesPath(), "the fork's replica key, proven by a render");
        Findings.at(Findings.single(result, "open-registration"), "values.yaml:2:22");
        assertEquals(1, rounds.size(), "probe rounds: " + rounds);
        assertTrue(rounds.get(0).contains("(0 probe renders so far"), rounds.get(0));
    }
}
