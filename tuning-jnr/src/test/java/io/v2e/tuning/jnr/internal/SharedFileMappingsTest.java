package io.v2e.tuning.jnr.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

class SharedFileMappingsTest {

    private static final String MAPS = String.join("\n",
            "7f0000000000-7f0000002000 r--s 00000000 fd:01 1234 /data/a.bin",
            "7f0000002000-7f0000004000 rw-s 00002000 fd:01 1234 /data/a.bin",
            "7f0000004000-7f0000005000 rw-p 00000000 00:00 0 ",
            "7f0000006000-7f0000008000 r--p 00000000 fd:01 99 /data/private.bin",
            "7f0000008000-7f000000a000 r--s 00000000 fd:01 77 /data/b with space.bin",
            "");

    private static boolean covers(long start, long end) throws IOException {
        return SharedFileMappings.covers(new StringReader(MAPS), start, end);
    }

    @Test
    void rangeAcrossAdjacentSharedFileMappingsIsCovered() throws IOException {
        assertTrue(covers(0x7f0000001000L, 0x7f0000004000L));
        assertTrue(covers(0x7f0000008000L, 0x7f000000a000L));
    }

    @Test
    void anonymousPrivateOrUnmappedMemoryIsNotCovered() throws IOException {
        assertFalse(covers(0x7f0000003000L, 0x7f0000005000L), "runs into anonymous memory");
        assertFalse(covers(0x7f0000006000L, 0x7f0000007000L), "private file mapping");
        assertFalse(covers(0x7f0000005000L, 0x7f0000006000L), "a hole");
        assertFalse(covers(0x7f0000009000L, 0x7f000000b000L), "runs past the last mapping");
    }
}
