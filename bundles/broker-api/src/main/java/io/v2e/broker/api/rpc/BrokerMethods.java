package io.v2e.broker.api.rpc;

/** The method names ({@code id}) of the requests the broker itself answers (target {@code broker}). */
public final class BrokerMethods {

    /** Totals and per-endpoint counters and latencies: {@link MessageStats}. */
    public static final String GET_MESSAGE_STATS = "RPCGetMessageStats";
    /** Messages received and delivered: {@link MessageCount}. */
    public static final String GET_MESSAGE_COUNT = "RPCGetMessageCount";
    /** The names messages can be sent to: {@link EndpointList}. */
    public static final String LIST_ENDPOINTS = "RPCListEndpoints";
    /** Each worker's tuning as set and as read back: {@link WorkersReport}. */
    public static final String GET_WORKERS = "RPCGetWorkers";
    /** A connection takes a name (answered by the transport): payload {@link Register}. */
    public static final String REGISTER = "RPCRegister";
    /**
     * The first line on a TCP connection (answered by the transport): payload {@link Authenticate};
     * anything else first, or a wrong token, is answered with an error and the connection closed (1.2).
     */
    public static final String AUTHENTICATE = "RPCAuthenticate";

    private BrokerMethods() {
    }
}
