package dev.workflowguard.maven;

import dev.workflowguard.check.Checker;
import org.apache.maven.plugin.logging.Log;

/**
 * Progress for long checks: silent for the first two seconds (a small repository never sees it),
 * then a line at most every five seconds, and a last one when reading is done.
 */
final class ProgressLog implements Checker.Progress {

    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final Log log;
    private final long start = System.nanoTime();
    private long last;
    private boolean spoke;

    ProgressLog(Log log) {
        this.log = log;
    }

    @Override
    public void filesRead(int done, int total) {
        long now = System.nanoTime();
        boolean finished = done == total;
        if (now - start < QUIET_NANOS
                || (!finished && spoke && now - last < EVERY_NANOS)
                || (finished && !spoke && now - start < QUIET_NANOS)) {
            return;
        }
        last = now;
        spoke = true;
        log.info("workflow-guard: read " + done + " of " + total + " manifest files");
    }
}
