/**
 * The payloads of the broker's own RPCs (target {@code broker}) as records, shared by the broker
 * that writes them, the shell that prints them and any Java client that reads them. On the wire
 * each record is one JSON object with snake_case member names ({@link io.v2e.broker.api.rpc.RpcJson}
 * is the one mapper for them); members a newer broker adds are ignored by older readers.
 * 1.1: {@code EndpointList.Entry.host} (remote endpoints).
 * 1.2: {@code EndpointList.Entry.peer} (peer credentials), {@code MessageTotals.forgedAnswers},
 * {@code BrokerMethods.AUTHENTICATE} and {@link io.v2e.broker.api.rpc.Authenticate} (TCP's first line).
 * 1.3: {@code Register.token} (the token of a reserved name).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.v2e.broker.api.rpc;
