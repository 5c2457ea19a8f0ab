package io.v2e.broker.api.rpc;

import io.v2e.broker.api.BrokerStats;

/**
 * The totals of RPCGetMessageStats (see {@link BrokerStats} for each counter).
 *
 * @param forgedAnswers {@code forged_answers} on the wire (1.2)
 */
public record MessageTotals(long received, long delivered, long errors, long drops, long queueDepth,
        long unknownTarget, long unroutable, long forgedAnswers) {

    /** The totals of a 1.1 broker: no forged answers counted. */
    public MessageTotals(long received, long delivered, long errors, long drops, long queueDepth, long unknownTarget,
            long unroutable) {
        this(received, delivered, errors, drops, queueDepth, unknownTarget, unroutable, 0);
    }

    public static MessageTotals of(BrokerStats s) {
        return new MessageTotals(s.received(), s.delivered(), s.errors(), s.drops(), s.queueDepth(), s.unknownTarget(),
                s.unroutable(), s.forgedAnswers());
    }
}
