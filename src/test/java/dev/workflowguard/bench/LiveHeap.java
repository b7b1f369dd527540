package dev.workflowguard.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap a piece of work keeps alive: while it runs, a sampler forces a full collection
 * every few milliseconds, and the heap in use at the end of each forced collection (as the
 * collector reports it, before any thread allocates again) is recorded. The plain peak of the heap
 * pools also counts garbage not yet collected, which depends on how lazily the collector runs with
 * a given -Xmx, and heap used after a young collection still counts old garbage; neither says what
 * the code retains. The forced collections slow the work down, so it is never timed in this run.
 */
final class LiveHeap implements NotificationListener {

    private final AtomicLong max = new AtomicLong();

    private LiveHeap() {}

    /** Runs the work and returns the largest heap in use (bytes) at the end of a forced full collection. */
    static long peakRetained(Callable<?> work, long everyMillis) throws Exception {
        LiveHeap live = new LiveHeap();
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(live, null, null);
                emitters.add(emitter);
            }
        }
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(
                () -> {
                    while (!done.get()) {
                        System.gc();
                        try {
                            Thread.sleep(everyMillis);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "live-heap-sampler");
        sampler.setDaemon(true);
        Object result;
        try {
            sampler.start();
            result = work.call();
            done.set(true);
            sampler.join();
            System.gc(); // once more with the result still referenced: what the work hands back counts too
            Thread.sleep(100); // notifications arrive on a JMX thread
        } finally {
            done.set(true);
            for (NotificationEmitter emitter : emitters) {
                try {
                    emitter.removeNotificationListener(live);
                } catch (ListenerNotFoundException ignored) {
                    // not registered
                }
            }
        }
        if (result == null || live.max.get() == 0) {
            throw new IllegalStateException("nothing measured");
        }
        return live.max.get();
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (!"System.gc()".equals(info.getGcCause())) {
            return; // a young collection leaves old garbage in place
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool :
                info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (isHeap(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        max.accumulateAndGet(used, Math::max);
    }

    private static boolean isHeap(String pool) {
        // G1, Parallel and Serial heap pools; Metaspace and the code cache are not heap.
        return pool.contains("Eden")
                || pool.contains("Survivor")
                || pool.contains("Old Gen")
                || pool.contains("Tenured");
    }
}
