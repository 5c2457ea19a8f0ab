package io.v2e.config.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A typed configuration annotation built from properties the way Declarative Services builds it
 * (for embedding without OSGi, and for tests): keys as in the .cfg file ({@code queue_capacity},
 * {@code provider.target}), an absent key takes the attribute's default, text is converted to the
 * attribute's type. Check the properties with {@link ConfigCheck} first for clear errors.
 */
public final class TypedConfig {

    private TypedConfig() {
    }

    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> props) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "toString": return type.getSimpleName() + props;
                    case "hashCode": return System.identityHashCode(self);
                    default: return self == args[0];
                }
            }
            String key = ConfigCheck.keyOf(method.getName());
            Object value = props.get(key);
            if (value instanceof String) {
                ConfigCheck.checkValue(key, (String) value, method.getReturnType());
            }
            return value == null ? method.getDefaultValue() : convert(value, method.getReturnType());
        });
        return type.cast(proxy);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Object value, Class<?> type) {
        if (type.isInstance(value) || (type.isPrimitive() && !(value instanceof String))) {
            if (type == int.class && value instanceof Number) {
                return ((Number) value).intValue();
            }
            if (type == long.class && value instanceof Number) {
                return ((Number) value).longValue();
            }
            return value;
        }
        String text = value.toString().trim();
        if (type == int.class) {
            return Integer.valueOf(text);
        }
        if (type == long.class) {
            return Long.valueOf(text);
        }
        if (type == boolean.class) {
            return Boolean.valueOf(text);
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, text);
        }
        return text;
    }
}
