package io.v2e.ssg.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories the {@code ssg} endpoint may read below, so a broker client cannot use it to
 * probe arbitrary files of the container's user (existence, size, first bytes in an XML error).
 * <p>
 * A requested path is first checked lexically (absolute, normalised): a path outside every root is
 * refused before the file system is asked anything about it. A path inside a root is then resolved
 * ({@link Path#toRealPath}: symlinks, {@code ..}) and checked again, so a link cannot lead out.
 * Immutable; any thread.
 */
final class ContentRoots {

    /** The one answer for every refused path: it says nothing about the file. */
    static final String NOT_ALLOWED = "path not allowed";

    /** Roots as configured (absolute, normalised) and as resolved when they exist (symlinks followed). */
    private final List<Path> lexical = new ArrayList<>();
    private final List<Path> real = new ArrayList<>();

    /** @throws IllegalArgumentException for an empty list or a relative root */
    ContentRoots(List<String> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("content_roots must name at least one directory");
        }
        for (String r : roots) {
            Path p = Path.of(r.strip());
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("content_roots entry '" + r + "' is not an absolute path");
            }
            lexical.add(p.normalize());
            try {
                real.add(p.toRealPath());
            } catch (IOException e) { // a root that does not exist (yet) admits nothing until it does
                real.add(p.normalize());
            }
        }
    }

    /** The roots, as configured. */
    List<Path> roots() {
        return List.copyOf(lexical);
    }

    /**
     * The resolved file for {@code requested}, or a {@link SecurityException} with {@link #NOT_ALLOWED}.
     *
     * @throws NoSuchFileException for a path inside a root that does not exist
     */
    Path resolve(String requested) throws IOException {
        Path p = Path.of(requested);
        if (!p.isAbsolute() || !inside(p.normalize(), lexical)) {
            throw new SecurityException(NOT_ALLOWED);
        }
        Path resolved = p.toRealPath(); // NoSuchFileException: the file is missing inside a root
        if (!inside(resolved, real)) {
            throw new SecurityException(NOT_ALLOWED);
        }
        return resolved;
    }

    private static boolean inside(Path p, List<Path> roots) {
        for (Path root : roots) {
            if (p.startsWith(root)) {
                return true;
            }
        }
        return false;
    }
}
