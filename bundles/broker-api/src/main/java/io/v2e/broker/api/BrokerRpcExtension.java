package io.v2e.broker.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Contributes methods to the broker's own RPCs (target {@value Broker#BROKER_TARGET}), so another
 * bundle can serve v2e broker methods under the broker's name (the process supervisor's
 * {@code RPCSpawn}, for example). Register it as an OSGi service with the property
 * {@value #METHODS_PROPERTY} (a string or an array of strings): the method names it serves. A name
 * the broker serves itself, or one another extension holds already, is not taken over (the broker
 * logs it); when the extension goes away its names are free again.
 * <p>
 * Threading: {@link #handle} is called on the broker's worker for target {@code broker}, one call
 * at a time with the broker's other RPCs, so it should answer quickly and must not wait for another
 * broker RPC.
 *
 * @since 2.1
 */
@ConsumerType
public interface BrokerRpcExtension {

    /** Service property listing the method names this extension serves. */
    String METHODS_PROPERTY = "broker.rpc.methods";

    /**
     * Answers one request to the broker whose {@code id} is one of this extension's methods: the
     * response payload as raw JSON text (null: no payload); a thrown exception is answered with an
     * ERROR carrying its message, as for an {@link Endpoint}.
     */
    String handle(Message request) throws Exception;
}
