package io.v2e.benchmarks;

import org.jctools.queues.MpscArrayQueue;

import io.v2e.bench.core.HandOff;
import io.v2e.bench.core.LatencyProbe;

/** The floor: a bare JCTools MpscArrayQueue drained by one busy-spinning consumer thread. */
final class MpscHandOff implements HandOff {

    private static final Object TOKEN = new Object();
    private final MpscArrayQueue<Object> queue = new MpscArrayQueue<>(1 << 17);
    private volatile LatencyProbe probe;
    private final java.util.concurrent.atomic.AtomicLong receivedTotal = new java.util.concurrent.atomic.AtomicLong();
    private long sentTotal;
    private volatile boolean running = true;
    private final Thread consumer;

    MpscHandOff() {
        consumer = new Thread(this::consume, "mpsc-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    private volatile int consumerTid = -1;

    int consumerTid() {
        return consumerTid;
    }

    private void consume() {
        consumerTid = Machine.currentTid();
        while (running) {
            Object o = queue.relaxedPoll();
            if (o == null) {
                Thread.onSpinWait();
                continue;
            }
            receivedTotal.incrementAndGet();
            probe.receive(0);
        }
    }

    @Override
    public String name() {
        return "mpsc-floor";
    }

    @Override
    public void attach(LatencyProbe p) {
        probe = p;
    }

    @Override
    public boolean send(long seq) {
        if (queue.offer(TOKEN)) {
            sentTotal++;
            return true;
        }
        return false;
    }

    @Override
    public long sentTotal() {
        return sentTotal;
    }

    @Override
    public long receivedTotal() {
        return receivedTotal.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.join(5000);
    }
}
