package io.v2e.ssg.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The shared ObjectMappers, created on first use (class initialisation of this holder) so that
 * activating the ssg components at container start does not load Jackson. ObjectMapper is
 * thread-safe once configured.
 */
final class JsonHolder {
    static final ObjectMapper COMPACT = new ObjectMapper();
    static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonHolder() {
    }
}
