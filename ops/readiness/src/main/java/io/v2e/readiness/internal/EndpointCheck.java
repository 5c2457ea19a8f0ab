package io.v2e.readiness.internal;

import java.util.function.Supplier;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.EndpointKind;

/** A broker endpoint name is bound in the broker (a request to it would be delivered). */
final class EndpointCheck implements Check {

    private final Supplier<Broker> broker;
    private final String name;

    EndpointCheck(Supplier<Broker> broker, String name) {
        this.broker = broker;
        this.name = name;
    }

    @Override
    public String waitingFor(boolean firstTime) {
        Broker b = broker.get();
        if (b == null) {
            return "endpoint " + name + ": no broker to bind it";
        }
        return b.endpointKind(name) == EndpointKind.ABSENT ? "endpoint " + name + ": not bound in the broker" : null;
    }
}
