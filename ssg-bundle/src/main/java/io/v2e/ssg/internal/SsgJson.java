package io.v2e.ssg.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The bundle's one JSON mapping, of the answer records ({@link EndpointAnswers}, {@link InfoJson})
 * and the model records they carry. Member names are the record components' (the model's
 * camelCase, which {@code ssg:info --json} and the rule of RPCSSGGetRule have always shown); the
 * endpoint's own answer records ask for snake_case, as the broker's RPC payloads use.
 * Created on first use (class initialisation), so activating the ssg components at container start
 * does not load Jackson. Threading: any thread (configured once, then only used).
 */
final class SsgJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private SsgJson() {
    }

    /** One compact JSON text (the endpoint's answers). */
    static String compact(Object answer) {
        try {
            return MAPPER.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw cannotWrite(answer, e);
        }
    }

    /** Indented JSON and a newline (what a person may read too: the shell's --json). */
    static String indented(Object answer) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(answer) + "\n";
        } catch (JsonProcessingException e) {
            throw cannotWrite(answer, e);
        }
    }

    /** A request payload as a tree; malformed JSON is the caller's error. */
    static JsonNode read(String json) throws JsonProcessingException {
        return json == null ? MAPPER.createObjectNode() : MAPPER.readTree(json);
    }

    // Only this bundle's records are written: a failure is a programming error.
    private static IllegalStateException cannotWrite(Object answer, JsonProcessingException e) {
        return new IllegalStateException("cannot write " + answer.getClass().getName() + ": " + e.getOriginalMessage(), e);
    }
}
