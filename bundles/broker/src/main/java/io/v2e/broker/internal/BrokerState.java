package io.v2e.broker.internal;

/**
 * What every part of one broker reads on its hot path: the lifecycle phase and the configuration
 * in force. Threading: volatile fields; written under the router's lock, read by any thread.
 */
final class BrokerState {

    enum Phase { RUNNING, DRAINING, STOPPED }

    private volatile Phase phase = Phase.RUNNING;
    private volatile BrokerSettings settings;
    private volatile String lastRejection;

    BrokerState(BrokerSettings settings) {
        this.settings = settings;
    }

    Phase phase() {
        return phase;
    }

    void phase(Phase next) {
        phase = next;
    }

    boolean running() {
        return phase == Phase.RUNNING;
    }

    boolean stopped() {
        return phase == Phase.STOPPED;
    }

    BrokerSettings settings() {
        return settings;
    }

    void settings(BrokerSettings next) {
        settings = next;
        lastRejection = null;
    }

    /** The last configuration refused (its reason), or null after a configuration was applied. */
    String lastRejection() {
        return lastRejection;
    }

    void rejected(String reason) {
        lastRejection = reason;
    }
}
