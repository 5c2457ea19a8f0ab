/**
 * The broker contract: {@link io.v2e.broker.api.Message} (the v2e wire form, one JSON object per
 * line via {@link io.v2e.broker.api.MessageCodec}), the {@link io.v2e.broker.api.Broker} service
 * that routes messages, and the {@link io.v2e.broker.api.Endpoint} whiteboard service any bundle
 * registers (with service property {@value io.v2e.broker.api.Endpoint#NAME_PROPERTY}) to receive
 * them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.v2e.broker.api;
