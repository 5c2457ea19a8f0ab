package io.v2e.tuning.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

/** Which ranges may be widened for DONTNEED, decided from /proc/self/maps lines. */
class FileMappingsTest {

    private static final String MAPS = String.join("\n",
            "00400000-00401000 r-xp 00000000 08:01 1234 /usr/bin/java",
            "7f0000000000-7f0000004000 r--s 00000000 08:01 777 /data/file.bin",
            // The same file split in two VMAs (e.g. after MADV_SEQUENTIAL on part of it).
            "7f0000004000-7f0000008000 r--s 00004000 08:01 777 /data/file.bin",
            "7f0000008000-7f000000a000 rw-p 00000000 08:01 888 /data/private.bin",
            "7f000000a000-7f000000c000 rw-p 00000000 00:00 0 ",
            "7f000000d000-7f000000e000 r--s 00000000 08:01 999 /data/after-a-gap.bin",
            "");

    private static boolean covered(long start, long end) throws IOException {
        return FileMappings.coveredBySharedFiles(new BufferedReader(new StringReader(MAPS)), start, end);
    }

    @Test
    void rangeInsideOneSharedFileMappingMayBeWidened() throws IOException {
        assertTrue(covered(0x7f0000001000L, 0x7f0000003000L));
    }

    @Test
    void rangeAcrossContiguousSharedFileMappingsMayBeWidened() throws IOException {
        assertTrue(covered(0x7f0000000000L, 0x7f0000008000L));
    }

    @Test
    void rangeReachingIntoAPrivateMappingMayNotBeWidened() throws IOException {
        assertFalse(covered(0x7f0000007000L, 0x7f0000009000L));
    }

    @Test
    void anonymousMemoryMayNotBeWidened() throws IOException {
        assertFalse(covered(0x7f000000a000L, 0x7f000000b000L));
    }

    @Test
    void rangeOverAnUnmappedGapMayNotBeWidened() throws IOException {
        assertFalse(covered(0x7f000000c000L, 0x7f000000e000L));
    }

    @Test
    void rangeOutsideEveryMappingMayNotBeWidened() throws IOException {
        assertFalse(covered(0x7f1000000000L, 0x7f1000001000L));
    }
}
