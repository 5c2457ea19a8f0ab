package io.v2e.broker.api.rpc;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.v2e.broker.api.MessageFormatException;

/**
 * The one JSON mapping of RPC payload records: snake_case member names, unknown members ignored
 * (a newer broker may add some). Threading: any thread (the mapper is configured once, then only used).
 */
public final class RpcJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a text member must be JSON text: {"name": 5} is not the name "5"
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private RpcJson() {
    }

    /** One compact JSON object for a payload record. */
    public static String write(Object payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            // Only the records of this package are written: a failure is a programming error.
            throw new IllegalStateException("cannot write " + payload.getClass().getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a payload record.
     *
     * @throws MessageFormatException when the text is not JSON or does not fit the record, saying why
     */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new MessageFormatException("no payload (expected a " + type.getSimpleName() + " object)", null, null, null);
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MessageFormatException("payload is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(),
                    null, null, e);
        } catch (IOException e) {
            throw new MessageFormatException("payload is not a " + type.getSimpleName() + ": " + e.getMessage(), null, null, e);
        }
    }
}
