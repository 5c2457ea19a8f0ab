package io.v2e.transport.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The shared secret a TCP connection must send in its first line (RPCAuthenticate), read from the
 * first line of {@code tcp_token_file}. Compared in constant time over SHA-256 digests (so neither
 * the content nor the length leaks through timing); the token never appears in a log line or an
 * error text ({@link #toString()} hides it). Threading: immutable, any thread.
 */
final class TcpToken {

    private final byte[] digest;
    private final Path file;

    private TcpToken(byte[] digest, Path file) {
        this.digest = digest;
        this.file = file;
    }

    /**
     * Reads the token from the first line of {@code file}.
     *
     * @throws IllegalArgumentException when the file cannot be read or its first line is empty
     */
    static TcpToken read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("tcp_token_file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
        String token = lines.isEmpty() ? "" : lines.get(0).trim();
        if (token.length() < 16) {
            throw new IllegalArgumentException("tcp_token_file " + file + ": the first line must hold a token of at least "
                    + "16 characters");
        }
        return new TcpToken(sha256(token), file);
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
