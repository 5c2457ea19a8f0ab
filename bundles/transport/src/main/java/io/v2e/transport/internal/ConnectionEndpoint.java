package io.v2e.transport.internal;

import io.v2e.broker.api.PeerCredentials;
import io.v2e.broker.api.PeerEndpoint;
import io.v2e.broker.api.Message;

/**
 * The broker endpoint of a named connection: whatever the broker routes to the name is written to
 * the peer, which answers later with RESPONSE or ERROR lines of its own. Threading: broker workers;
 * never blocks (see {@link Outbound}), so a peer that stops reading cannot stall a worker.
 */
final class ConnectionEndpoint implements PeerEndpoint {

    private final Connection connection;

    ConnectionEndpoint(Connection connection) {
        this.connection = connection;
    }

    @Override
    public String handle(Message message) {
        if (!connection.send(message)) {
            // The broker answers a request with this text as an error (and forgets it was waiting).
            throw new IllegalStateException(connection.outboundFullError());
        }
        return null;
    }

    @Override
    public PeerCredentials peer() {
        return connection.credentials;
    }

    @Override
    public boolean answersLater() {
        return true;
    }

    @Override
    public String toString() {
        return "connection " + connection.displayName();
    }
}
