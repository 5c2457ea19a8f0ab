package io.v2e.tuning.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.IoPriority.IoClass;

class IoPriorityTest {

    @Test
    void encodePutsTheClassAboveBit13() {
        assertEquals((1 << 13) | 0, new IoPriority(IoClass.REALTIME, 0).encode());
        assertEquals((2 << 13) | 4, new IoPriority(IoClass.BEST_EFFORT, 4).encode());
        assertEquals(3 << 13, new IoPriority(IoClass.IDLE, 0).encode());
        assertEquals(0, new IoPriority(IoClass.NONE, 0).encode());
    }

    @Test
    void decodeInvertsEncodeForEveryClassAndLevel() {
        for (IoClass c : IoClass.values()) {
            for (int level = 0; level <= 7; level++) {
                IoPriority p = new IoPriority(c, level);
                assertEquals(p, IoPriority.decode(p.encode()));
            }
        }
    }

    @Test
    void decodeIgnoresTheKernelsPriorityHintBits() {
        // Linux 6.5+ carries a hint in bits 3..12 of the value; the level is bits 0..2.
        int hinted = (2 << 13) | (1 << 3) | 4;
        assertEquals(new IoPriority(IoClass.BEST_EFFORT, 4), IoPriority.decode(hinted));
    }

    @Test
    void decodeRejectsValuesNoKernelReturns() {
        assertEquals("negative ioprio -1",
                assertThrows(IllegalArgumentException.class, () -> IoPriority.decode(-1)).getMessage());
        assertEquals("unknown I/O class number 4",
                assertThrows(IllegalArgumentException.class, () -> IoPriority.decode(4 << 13)).getMessage());
    }

    @Test
    void levelOutside0To7IsRejected() {
        assertEquals("I/O priority level must be 0..7, was 8",
                assertThrows(IllegalArgumentException.class, () -> new IoPriority(IoClass.BEST_EFFORT, 8)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IoPriority(IoClass.BEST_EFFORT, -1));
        assertThrows(NullPointerException.class, () -> new IoPriority(null, 0));
    }

    @Test
    void classNamesParseAsWrittenInConfiguration() {
        assertEquals(IoClass.REALTIME, IoClass.parse("rt"));
        assertEquals(IoClass.REALTIME, IoClass.parse(" RealTime "));
        assertEquals(IoClass.BEST_EFFORT, IoClass.parse("best-effort"));
        assertEquals(IoClass.BEST_EFFORT, IoClass.parse("be"));
        assertEquals(IoClass.IDLE, IoClass.parse("idle"));
        assertEquals(IoClass.NONE, IoClass.parse("none"));
        assertEquals("unknown I/O class 'fast' (expected realtime, best_effort, idle or none)",
                assertThrows(IllegalArgumentException.class, () -> IoClass.parse("fast")).getMessage());
    }

    @Test
    void toStringIsClassSlashLevel() {
        assertEquals("best_effort/7", new IoPriority(IoClass.BEST_EFFORT, 7).toString());
        assertEquals("realtime/0", new IoPriority(IoClass.REALTIME, 0).toString());
    }
}
