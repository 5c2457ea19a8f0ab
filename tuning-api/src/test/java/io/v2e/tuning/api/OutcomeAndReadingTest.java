package io.v2e.tuning.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OutcomeAndReadingTest {

    @Test
    void deniedCarriesItsErrnoName() {
        Outcome o = Outcome.denied("EPERM", "nice -10");
        assertEquals(Outcome.Status.DENIED, o.status());
        assertEquals("EPERM", o.errno());
        assertFalse(o.isApplied());
        assertEquals("DENIED(EPERM: nice -10)", o.toString());
        assertEquals("DENIED(EPERM)", Outcome.denied("EPERM", null).toString());
    }

    @Test
    void deniedWithoutErrnoIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Outcome.denied("", "x"));
        assertThrows(IllegalArgumentException.class, () -> Outcome.denied(null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Outcome(Outcome.Status.DENIED, null, "x"));
    }

    @Test
    void onlyDeniedMayCarryAnErrno() {
        assertThrows(IllegalArgumentException.class, () -> new Outcome(Outcome.Status.APPLIED, "EPERM", ""));
        assertThrows(IllegalArgumentException.class, () -> new Outcome(Outcome.Status.UNSUPPORTED, "ENOSYS", ""));
    }

    @Test
    void appliedAndUnsupportedPrintPlainly() {
        assertEquals("APPLIED", Outcome.applied().toString());
        assertTrue(Outcome.applied().isApplied());
        assertEquals("UNSUPPORTED(not Linux)", Outcome.unsupported("not Linux").toString());
        assertEquals("UNSUPPORTED", Outcome.unsupported(null).toString());
        assertEquals("", Outcome.unsupported(null).detail());
    }

    @Test
    void readingHasAValueExactlyWhenApplied() {
        Reading<Integer> r = Reading.of(7);
        assertEquals(7, r.get());
        assertEquals("7", r.toString());
        Reading<Integer> failed = Reading.failed(Outcome.denied("ESRCH", "gone"));
        assertFalse(failed.isPresent());
        assertEquals("DENIED(ESRCH: gone)", failed.toString());
        assertEquals("no value: DENIED(ESRCH: gone)",
                assertThrows(IllegalStateException.class, failed::get).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Reading<>(Optional.of(1), Outcome.unsupported("x")));
        assertThrows(IllegalArgumentException.class, () -> Reading.failed(Outcome.applied()));
    }

    @Test
    void capabilitiesNeedEveryOperationFiledUnderItsOwnName() {
        Map<Operation, Capability> map = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            map.put(op, new Capability(op, true, true, null));
        }
        Capabilities caps = new Capabilities(map, 120);
        assertTrue(caps.permitted(Operation.THREAD_NICE));
        assertEquals(120, caps.callCostNanos());
        assertThrows(UnsupportedOperationException.class, () -> caps.byOperation().clear());

        map.put(Operation.THREAD_NICE, new Capability(Operation.IO_PRIORITY, true, true, ""));
        assertThrows(IllegalArgumentException.class, () -> new Capabilities(map, 0));
        map.remove(Operation.THREAD_NICE);
        assertEquals("missing capability for THREAD_NICE",
                assertThrows(IllegalArgumentException.class, () -> new Capabilities(map, 0)).getMessage());
    }

    @Test
    void capabilityCannotBePermittedButUnsupported() {
        assertThrows(IllegalArgumentException.class, () -> new Capability(Operation.CPU_AFFINITY, false, true, ""));
        Capability c = Capability.unsupported(Operation.CPU_AFFINITY, "not Linux");
        assertFalse(c.supported());
        assertFalse(c.permitted());
        assertEquals("not Linux", c.detail());
        assertFalse(Capabilities.noneSupported("noop", 0).supported(Operation.MEMORY_ADVICE));
    }
}
