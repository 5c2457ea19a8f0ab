package io.v2e.readiness.internal;

/** One thing the container waits for. Called on the readiness thread only. */
interface Check {

    /**
     * What is missing, one line naming the check ({@code endpoint ssg: not bound in the broker}), or
     * null when it passes. {@code firstTime} is true until the container was ready once: a check may
     * then look deeper (ask the broker) than when it only watches for a loss.
     */
    String waitingFor(boolean firstTime);
}
