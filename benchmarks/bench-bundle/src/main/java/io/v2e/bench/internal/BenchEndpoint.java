package io.v2e.bench.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Component;

import io.v2e.bench.core.LatencyProbe;
import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;

/**
 * The endpoint the bench command sends to, registered through the broker's whiteboard like any
 * user endpoint ({@code broker.endpoint=bench}). Events reach the attached {@link LatencyProbe};
 * a request is answered with an empty response (the command's reachability check).
 * <p>
 * Threading: {@link #handle} from one broker worker at a time; {@link #attach} from the command's thread.
 */
@Component(service = {Endpoint.class, BenchEndpoint.class}, property = Endpoint.NAME_PROPERTY + "=" + BenchEndpoint.NAME)
public final class BenchEndpoint implements Endpoint {

    static final String NAME = "bench";

    private final AtomicLong received = new AtomicLong();
    private volatile LatencyProbe probe;

    @Override
    public String handle(Message message) {
        if (message.type() == MessageType.EVENT) {
            received.incrementAndGet();
            LatencyProbe p = probe;
            if (p != null) {
                p.receive();
            }
        }
        return null;
    }

    void attach(LatencyProbe p) {
        probe = p;
    }

    /** Events received since activation, whichever run they belonged to. */
    long received() {
        return received.get();
    }
}
