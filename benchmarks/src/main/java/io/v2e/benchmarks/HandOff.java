package io.v2e.benchmarks;

/**
 * One system under test: carries a message from the producer thread to the {@link Probe} on the
 * system's consumer side. Threading: {@link #send} from the one producer thread.
 */
interface HandOff extends AutoCloseable {

    /** Short name used in tables and plots. */
    String name();

    /** Starts delivering to this probe (a fresh one per run). */
    void attach(Probe probe) throws Exception;

    /** Hands message {@code seq} off; false when the system refused it (queue full). */
    boolean send(long seq);

    /** Messages accepted by {@link #send} since creation (producer thread only). */
    long sentTotal();

    /** Messages that reached the handler since creation, whichever run they belonged to. */
    long receivedTotal();

    @Override
    void close() throws Exception;
}
