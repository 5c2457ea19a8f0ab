package io.v2e.ssg.internal;

/**
 * Tunables of one parser instance, checked: each must be at least 1.
 *
 * @param windowSize        bytes mapped at a time (at most Integer.MAX_VALUE)
 * @param dropPageCache     posix_fadvise DONTNEED on the whole file after the parse
 * @param maxDepth          maximum element nesting depth
 * @param maxAttributeSize  maximum attribute value length in characters
 * @param maxTextLength     maximum length of one text node in characters
 * @param maxDecompressedSize maximum bytes a compressed file (.xml.bz2) may decompress to
 */
public record ParserSettings(int windowSize, boolean dropPageCache, int maxDepth, int maxAttributeSize, int maxTextLength,
        long maxDecompressedSize) {
    static final long DEFAULT_MAX_DECOMPRESSED_SIZE = 1L << 30;
    static final ParserSettings DEFAULT = new ParserSettings(1 << 30, false, 1000, 1 << 20, 64 << 20);

    /** @throws IllegalArgumentException naming the configuration key of the first value below 1 */
    public ParserSettings {
        atLeastOne("window_size", windowSize);
        atLeastOne("max_depth", maxDepth);
        atLeastOne("max_attribute_size", maxAttributeSize);
        atLeastOne("max_text_length", maxTextLength);
        atLeastOne("max_decompressed_size", maxDecompressedSize);
    }

    /** With the default {@code max_decompressed_size} (1 GiB). */
    public ParserSettings(int windowSize, boolean dropPageCache, int maxDepth, int maxAttributeSize, int maxTextLength) {
        this(windowSize, dropPageCache, maxDepth, maxAttributeSize, maxTextLength, DEFAULT_MAX_DECOMPRESSED_SIZE);
    }

    /** The settings of a typed configuration (DS's, or {@code TypedConfig}'s from a map). */
    public static ParserSettings of(SsgParserComponent.Config c) {
        return new ParserSettings(c.window__size(), c.drop__page__cache(), c.max__depth(), c.max__attribute__size(),
                c.max__text__length(), c.max__decompressed__size());
    }

    private static void atLeastOne(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, was " + value);
        }
    }
}
