package io.v2e.broker.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An {@link Endpoint} that stands for another process (a transport connection, a supervised
 * process), which can say who that process is. The broker shows it in {@code broker:endpoints} and
 * RPCListEndpoints.
 * <p>
 * Threading: {@link #peer()} may be called from any thread.
 *
 * @since 2.3
 */
@ConsumerType
public interface PeerEndpoint extends Endpoint {

    /** The kernel's word on the process behind this endpoint. */
    PeerCredentials peer();
}
