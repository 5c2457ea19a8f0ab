/**
 * The broker contract: {@link io.v2e.broker.api.Message} (the v2e wire form, one JSON object per
 * line via {@link io.v2e.broker.api.MessageCodec}), the {@link io.v2e.broker.api.Broker} service
 * that routes messages, and the {@link io.v2e.broker.api.Endpoint} whiteboard service any bundle
 * registers (with service property {@value io.v2e.broker.api.Endpoint#NAME_PROPERTY}) to receive
 * them. The payloads of the broker's own RPCs are typed in {@code io.v2e.broker.api.rpc}.
 * <p>
 * 2.0: {@code EndpointStats.kind} is an {@link io.v2e.broker.api.EndpointKind}; {@code Message} has no
 * public mutator (its acceptance stamp is the implementation's); {@code Broker.endpointKind}.
 * 2.1: {@code Broker.recentLatency()} and {@link io.v2e.broker.api.RecentLatency}; {@code Broker.workersReport()}.
 * <p>
 * 2.2: {@link io.v2e.broker.api.BrokerRpcExtension}, a whiteboard service that contributes broker RPCs;
 * {@link io.v2e.broker.api.RemoteEndpoint} and {@code EndpointKind.REMOTE}.
 * <p>
 * 2.3: answers only from the endpoint asked: {@code SendResult.REFUSED} and
 * {@code BrokerStats.forgedAnswers}; {@link io.v2e.broker.api.PeerEndpoint} and
 * {@link io.v2e.broker.api.PeerCredentials}, the kernel's word on who is behind an endpoint.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.3.0")
package io.v2e.broker.api;
