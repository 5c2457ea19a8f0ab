package io.v2e.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap's occupancy just before each garbage collection while listening: the heap is at a
 * local maximum right before a GC, so the largest of these is the peak the program reached
 * (between GCs, together with the usage at the end). Notifications arrive on a JMX thread.
 */
final class GcPeaks implements NotificationListener {

    private final AtomicLong maxBefore = new AtomicLong();
    private final AtomicInteger count = new AtomicInteger();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final Set<String> heapPools = new HashSet<>();

    private GcPeaks() {
    }

    static GcPeaks listen() {
        GcPeaks g = new GcPeaks();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                g.heapPools.add(p.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(g, null, null);
                g.emitters.add(e);
            }
        }
        return g;
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        long u = used;
        maxBefore.accumulateAndGet(u, Math::max);
        count.incrementAndGet();
    }

    /** Stops listening; notifications are delivered asynchronously, so give them a moment first. */
    void stop() throws InterruptedException {
        Thread.sleep(100);
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(this);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }

    long maxUsedBeforeGc() {
        return maxBefore.get();
    }

    int count() {
        return count.get();
    }
}
