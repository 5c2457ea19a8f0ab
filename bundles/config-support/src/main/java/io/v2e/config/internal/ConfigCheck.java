package io.v2e.config.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks raw configuration properties against a typed configuration annotation before DS converts
 * them, so a bad value is refused with a message naming its key, the value and what is accepted
 * (DS's own conversion error names neither). Keys follow DS's mapping of attribute names:
 * {@code __} is {@code _}, a single {@code _} is {@code .}.
 */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    /** @throws IllegalArgumentException for the first property of {@code props} that cannot be converted */
    public static void check(Class<? extends java.lang.annotation.Annotation> config, Map<String, ?> props) {
        for (Method m : config.getDeclaredMethods()) {
            String key = keyOf(m.getName());
            Object raw = props.get(key);
            if (raw instanceof String) {
                checkValue(key, (String) raw, m.getReturnType());
            }
        }
    }

    /** The property key of an attribute method, as DS derives it. */
    public static String keyOf(String methodName) {
        return methodName.replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    /** @throws IllegalArgumentException when {@code raw} cannot be converted to {@code type} */
    public static void checkValue(String key, String raw, Class<?> type) {
        String text = raw.trim();
        try {
            if (type == int.class) {
                Integer.parseInt(text);
            } else if (type == long.class) {
                Long.parseLong(text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + text + "'");
        }
        if (type == boolean.class && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " must be true or false, was '" + text + "'");
        }
        // DS converts with Enum.valueOf: exact, case-sensitive, untrimmed
        if (type.isEnum() && !names(type).contains(raw)) {
            throw new IllegalArgumentException(key + " '" + raw + "' is unknown (expected " + alternatives(names(type)) + ")");
        }
    }

    /** "a, b or c" */
    private static String alternatives(List<String> names) {
        int last = names.size() - 1;
        return last == 0 ? names.get(0) : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
    }

    private static List<String> names(Class<?> enumType) {
        List<String> names = new ArrayList<>();
        for (Object c : enumType.getEnumConstants()) {
            names.add(((Enum<?>) c).name());
        }
        return names;
    }
}
