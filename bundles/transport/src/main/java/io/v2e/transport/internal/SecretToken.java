package io.v2e.transport.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A shared secret read from the first line of a file: the TCP token ({@code tcp_token_file}) every
 * TCP connection sends first, or a per-name token ({@code name_tokens}) a connection presents to
 * take a reserved name. Compared in constant time over SHA-256 digests (so neither the content nor
 * the length leaks through timing); the secret never appears in a log line or an error text
 * ({@link #toString()} names the file only). Threading: immutable, any thread.
 */
final class SecretToken {

    /** The shortest token accepted, in characters. */
    static final int MIN_LENGTH = 16;

    private final byte[] digest;
    private final Path file;

    private SecretToken(byte[] digest, Path file) {
        this.digest = digest;
        this.file = file;
    }

    /**
     * Reads the token from the first line of {@code file}.
     *
     * @param what how error texts name the setting, e.g. {@code tcp_token_file}
     * @throws IllegalArgumentException when the file cannot be read or its first line is shorter than
     *                                  {@value #MIN_LENGTH} characters (the text never shows the content)
     */
    static SecretToken read(Path file, String what) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
        String token = lines.isEmpty() ? "" : lines.get(0).trim();
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(what + " " + file + ": the first line must hold a token of at least "
                    + MIN_LENGTH + " characters");
        }
        return new SecretToken(sha256(token), file);
    }

    /** True when {@code offered} is the token (constant time). */
    boolean matches(String offered) {
        return offered != null && MessageDigest.isEqual(digest, sha256(offered));
    }

    Path file() {
        return file;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "token from " + file;
    }
}
