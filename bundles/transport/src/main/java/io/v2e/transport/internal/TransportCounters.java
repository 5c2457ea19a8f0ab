package io.v2e.transport.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * The transport's totals since it started, over every connection (closed ones included), for the
 * metrics export. Threading: any thread adds (I/O loops, accept threads); readers see a recent sum.
 */
final class TransportCounters {

    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder refused = new LongAdder();
    /** Requests and events the authorization policy refused. */
    final LongAdder policyRefusals = new LongAdder();
}
