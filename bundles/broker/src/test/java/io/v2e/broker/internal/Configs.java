package io.v2e.broker.internal;

import io.v2e.config.internal.ConfigCheck;
import io.v2e.config.internal.TypedConfig;

import java.util.Map;

/** Builds a {@link BrokerConfig} from .cfg-style properties as DS would (see {@link TypedConfig}). */
final class Configs {

    private Configs() {
    }

    static BrokerConfig of(Map<String, Object> props) {
        return TypedConfig.of(BrokerConfig.class, props);
    }
}
