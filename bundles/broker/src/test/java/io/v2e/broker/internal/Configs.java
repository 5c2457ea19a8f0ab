package io.v2e.broker.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Builds a {@link BrokerConfig} as DS would from configuration properties: keys as in the .cfg
 * file ({@code queue_capacity}, {@code provider.target}), absent keys take the annotation's
 * default, strings are converted to the attribute's type (a bad number throws, as in DS).
 */
final class Configs {

    private Configs() {
    }

    static BrokerConfig of(Map<String, Object> props) {
        return (BrokerConfig) Proxy.newProxyInstance(BrokerConfig.class.getClassLoader(),
                new Class<?>[] {BrokerConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return BrokerConfig.class;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "BrokerConfig" + props : method.invoke(props, args);
                    }
                    String key = method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
                    Object value = props.get(key);
                    if (value == null) {
                        return method.getDefaultValue();
                    }
                    Class<?> type = method.getReturnType();
                    String text = value.toString();
                    if (type == int.class) {
                        return Integer.valueOf(text);
                    }
                    if (type == long.class) {
                        return Long.valueOf(text);
                    }
                    return text;
                });
    }
}
