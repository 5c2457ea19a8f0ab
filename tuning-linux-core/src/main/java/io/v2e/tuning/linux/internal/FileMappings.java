package io.v2e.tuning.linux.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Answers, from /proc/self/maps, whether an address range lies wholly in shared file mappings.
 * Only there may MADV_DONTNEED be widened to whole pages: on anonymous or private memory (a
 * malloc'd direct buffer, a copy-on-write mapping) the extra bytes of the edge pages belong to
 * someone else and would be zeroed or lose their changes. Stateless; any thread.
 */
final class FileMappings {

    private static final Path MAPS = Path.of("/proc/self/maps");

    private FileMappings() {
    }

    /** True when every byte of [start, end) is in MAP_SHARED mappings of files. */
    static boolean isSharedFileMapping(long start, long end) {
        try (BufferedReader in = Files.newBufferedReader(MAPS, StandardCharsets.US_ASCII)) {
            return coveredBySharedFiles(in, start, end);
        } catch (IOException e) {
            return false; // cannot tell: the caller takes the safe (narrower) region
        }
    }

    /** Walks the address-ordered maps lines: "start-end perms offset dev inode [path]". */
    static boolean coveredBySharedFiles(BufferedReader maps, long start, long end) throws IOException {
        long covered = start;
        for (String line = maps.readLine(); line != null; line = maps.readLine()) {
            String[] cols = line.trim().split("\\s+", 6);
            if (cols.length < 5) {
                continue;
            }
            int dash = cols[0].indexOf('-');
            long vmaStart = Long.parseUnsignedLong(cols[0].substring(0, dash), 16);
            long vmaEnd = Long.parseUnsignedLong(cols[0].substring(dash + 1), 16);
            if (Long.compareUnsigned(vmaEnd, covered) <= 0) {
                continue;
            }
            boolean sharedFile = cols[1].length() == 4 && cols[1].charAt(3) == 's' && !"0".equals(cols[4]);
            if (Long.compareUnsigned(vmaStart, covered) > 0 || !sharedFile) {
                return false;
            }
            covered = vmaEnd;
            if (Long.compareUnsigned(covered, end) >= 0) {
                return true;
            }
        }
        return false;
    }
}
