package dev.workflowguard.maven;

import dev.workflowguard.check.Checker;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.maven.plugin.logging.Log;

/**
 * Progress for long checks: silent for the first two seconds (a small repository never sees it),
 * then a line at most every five seconds, and a last one when reading is done. A long stage (a
 * chart's render, its provenance probes) is told while it runs, by a timer, since nothing else
 * speaks during it.
 */
final class ProgressLog implements Checker.Progress, AutoCloseable {

    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final Log log;
    private final LongSupplier clock;
    private final long start;
    private long last;
    private boolean spoke;
    private String doing;
    private String told;
    private ScheduledExecutorService timer;

    ProgressLog(Log log) {
        this(log, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} (tests) */
    ProgressLog(Log log, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    @Override
    public synchronized void filesRead(int done, int total) {
        long now = clock.getAsLong();
        boolean finished = done == total;
        if (now - start < QUIET_NANOS
                || (!finished && spoke && now - last < EVERY_NANOS)
                || (finished && !spoke && now - start < QUIET_NANOS)) {
            return;
        }
        say("read " + done + " of " + total + " manifest files", now);
    }

    @Override
    public synchronized void working(String now) {
        doing = now;
        if (now != null && timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "workflow-guard-progress");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::tick, 500, 500, TimeUnit.MILLISECONDS);
        }
    }

    /** Tells the stage under way once the check has run two seconds: when it changes, and every five seconds. */
    synchronized void tick() {
        long now = clock.getAsLong();
        if (doing == null || now - start < QUIET_NANOS || (doing.equals(told) && now - last < EVERY_NANOS)) {
            return;
        }
        told = doing;
        say(doing + " (" + (now - start) / 1_000_000_000L + " s)", now);
    }

    private void say(String text, long now) {
        last = now;
        spoke = true;
        log.info("workflow-guard: " + text);
    }

    @Override
    public synchronized void close() {
        doing = null;
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
