package io.v2e.bench.internal;

/**
 * One system the bench command measures: carries a message from the producer (the command's
 * thread) to a handler that feeds the attached {@link LatencyProbe}. Threading: {@link #send}
 * from the one producer thread; {@link #received} from any thread.
 */
interface HandOff {

    /** Name used in the results, e.g. "broker". */
    String system();

    /** Hands one message off; false when the system refused it for now (queue full), to be retried. */
    boolean send();

    /** Messages that reached the handler since creation, whichever run they belonged to. */
    long received();

    /** Starts delivering to this probe (a fresh one per run). */
    void attach(LatencyProbe probe);
}
