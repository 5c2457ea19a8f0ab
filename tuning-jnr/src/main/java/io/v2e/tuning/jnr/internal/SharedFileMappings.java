package io.v2e.tuning.jnr.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells from /proc/self/maps whether an address range lies wholly in MAP_SHARED file mappings:
 * the only memory where MADV_DONTNEED may be widened past the bytes asked for, since a dropped
 * page there is read back from its file. Anonymous memory reads back as zeroes and a private
 * mapping loses its changes. Stateless; any thread.
 */
final class SharedFileMappings {

    private static final Path MAPS = Path.of("/proc/self/maps");

    private SharedFileMappings() {
    }

    /** True when every byte of [start, end) is in a shared file mapping; false when unsure. */
    static boolean covers(long start, long end) {
        try (BufferedReader maps = Files.newBufferedReader(MAPS, StandardCharsets.ISO_8859_1)) {
            return covers(maps, start, end);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads maps lines ("start-end perms offset dev inode [path]", in address order). */
    static boolean covers(Reader mapsText, long start, long end) throws IOException {
        BufferedReader maps = mapsText instanceof BufferedReader ? (BufferedReader) mapsText : new BufferedReader(mapsText);
        long next = start; // first byte not yet known to be covered
        String line;
        while ((line = maps.readLine()) != null) {
            String[] cols = line.trim().split("\\s+", 6);
            if (cols.length < 5) {
                continue;
            }
            int dash = cols[0].indexOf('-');
            long from = Long.parseUnsignedLong(cols[0], 0, dash, 16);
            long to = Long.parseUnsignedLong(cols[0], dash + 1, cols[0].length(), 16);
            if (Long.compareUnsigned(to, next) <= 0) {
                continue; // wholly below what is still uncovered
            }
            boolean sharedFile = cols[1].endsWith("s") && !"0".equals(cols[4]);
            if (Long.compareUnsigned(from, next) > 0 || !sharedFile) {
                return false; // a hole, or memory that is not a shared file mapping
            }
            next = to;
            if (Long.compareUnsigned(next, end) >= 0) {
                return true;
            }
        }
        return false;
    }
}
