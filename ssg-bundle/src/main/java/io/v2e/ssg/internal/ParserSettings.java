package io.v2e.ssg.internal;

/**
 * Tunables of one parser instance.
 *
 * @param windowSize        bytes mapped at a time (at most Integer.MAX_VALUE)
 * @param dropPageCache     posix_fadvise DONTNEED on the whole file after the parse
 * @param maxDepth          maximum element nesting depth
 * @param maxAttributeSize  maximum attribute value length in characters
 * @param maxTextLength     maximum length of one text node in characters
 */
public record ParserSettings(int windowSize, boolean dropPageCache, int maxDepth, int maxAttributeSize, int maxTextLength) {
    static final ParserSettings DEFAULT = new ParserSettings(1 << 30, false, 1000, 1 << 20, 64 << 20);
}
