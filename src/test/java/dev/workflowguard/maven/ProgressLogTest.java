package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A long render says what it is doing while it runs; a short check says nothing. */
class ProgressLogTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aLongStageIsToldAfterTwoSecondsWhenItChangesAndEveryFiveSeconds() {
        AtomicLong clock = new AtomicLong(0);
        CapturingLog log = new CapturingLog();
        try (ProgressLog progress = new ProgressLog(log, clock::get)) {
            progress.working("rendering charts/workflow with Helm");
            clock.set(SECOND);
            progress.tick();
            assertEquals(List.of(), log.lines, "quiet for the first two seconds");
            clock.set(2 * SECOND + SECOND / 2);
            progress.tick();
            clock.set(4 * SECOND);
            progress.tick();
            progress.working(
                    "tracing the findings on the render of charts/workflow to values lines (1 probe renders so far, on 2 threads)");
            clock.set(5 * SECOND);
            progress.tick();
            clock.set(11 * SECOND);
            progress.tick();
            progress.working(null);
            clock.set(30 * SECOND);
            progress.tick();
        }
        assertEquals(
                List.of(
                        "[INFO] workflow-guard: rendering charts/workflow with Helm (2 s)",
                        "[INFO] workflow-guard: tracing the findings on the render of charts/workflow to values lines "
                                + "(1 probe renders so far, on 2 threads) (5 s)",
                        "[INFO] workflow-guard: tracing the findings on the render of charts/workflow to values lines "
                                + "(1 probe renders so far, on 2 threads) (11 s)"),
                log.lines);
    }
}
