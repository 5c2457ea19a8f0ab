package io.v2e.itests.endpointprobe.internal;

import org.osgi.service.component.annotations.Component;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;

/** Answers every request with {"echo": PAYLOAD, "bundle": "probe"}; a plain endpoint in a bundle of its own. */
@Component(property = Endpoint.NAME_PROPERTY + "=" + EchoEndpoint.NAME)
public final class EchoEndpoint implements Endpoint {

    static final String NAME = "probe-echo";

    @Override
    public String handle(Message message) {
        return "{\"echo\":" + (message.payload() == null ? "null" : message.payload()) + ",\"bundle\":\"probe\"}";
    }
}
