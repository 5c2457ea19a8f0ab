package io.v2e.tuning.linux.internal;

import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a {@link Path} into the name open(2) takes, and holds the flags page-cache advice opens a
 * file with. The bytes are the JDK's own: its file system encodes names with
 * {@code sun.jnu.encoding}, so a name Java can open is the name the kernel sees. Stateless; any
 * thread.
 */
final class FileNames {

    /**
     * O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC (the asm-generic values, which x86_64 and
     * aarch64 share). Read-only is all posix_fadvise needs; O_NONBLOCK keeps open from waiting for
     * a writer when the path names a FIFO (posix_fadvise then answers ESPIPE); O_CLOEXEC keeps the
     * descriptor out of processes started while it is open.
     */
    static final int OPEN_FOR_ADVICE = 0 | 04000 | 0400 | 02000000;

    private static final Charset JNU = jnuCharset();

    private FileNames() {
    }

    /**
     * The absolute name of {@code file}, 0-terminated.
     *
     * @throws IllegalArgumentException when {@code file} is not of the default file system (a
     *         zip entry, an in-memory file), which the kernel cannot open
     */
    static byte[] nativeName(Path file) {
        Objects.requireNonNull(file, "file");
        if (file.getFileSystem() != FileSystems.getDefault()) {
            throw new IllegalArgumentException("page-cache advice needs a file of the default file system, not "
                    + file.getFileSystem().provider().getScheme() + ": " + file.toUri());
        }
        byte[] name = file.toAbsolutePath().toString().getBytes(JNU);
        return Arrays.copyOf(name, name.length + 1);
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
