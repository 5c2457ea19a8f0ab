package io.v2e.bench.core;

/**
 * One system under test: carries a message from the producer thread to the {@link LatencyProbe}
 * attached on the system's consumer side. Threading: {@link #send} and {@link #sentTotal} from
 * the one producer thread; {@link #receivedTotal} from any thread.
 */
public interface HandOff extends AutoCloseable {

    /** Short name used in results, tables and plots, e.g. "broker". */
    String name();

    /** Starts delivering to this probe (a fresh one per run). */
    void attach(LatencyProbe probe);

    /** Hands message {@code seq} off; false when the system refused it for now (queue full), to be retried. */
    boolean send(long seq);

    /** Messages accepted by {@link #send} since creation. */
    long sentTotal();

    /** Messages that reached the handler since creation, whichever run they belonged to. */
    long receivedTotal();

    /** Releases what the system holds (threads, an embedded framework); nothing by default. */
    @Override
    default void close() throws Exception {
    }
}
