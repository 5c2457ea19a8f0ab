package io.v2e.tuning.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fixed Linux tables: errno names and syscall numbers per architecture. */
class LinuxTablesTest {

    @Test
    void errnoNumbersHaveTheirLinuxNames() {
        assertEquals("EPERM", ErrnoNames.of(1));
        assertEquals("EACCES", ErrnoNames.of(-13));
        assertEquals("EINVAL", ErrnoNames.of(22));
        assertEquals("ENOSYS", ErrnoNames.of(38));
        assertEquals("ERRNO_200", ErrnoNames.of(200));
    }

    @Test
    void syscallTablesFollowTheArchitecture() {
        assertEquals(186, Syscalls.forArch("amd64").orElseThrow().gettid);
        assertEquals(251, Syscalls.forArch("x86_64").orElseThrow().ioprioSet);
        assertEquals(178, Syscalls.forArch("aarch64").orElseThrow().gettid);
        assertEquals(31, Syscalls.forArch("aarch64").orElseThrow().ioprioGet);
        assertTrue(Syscalls.forArch("riscv64").isEmpty());
    }

    @Test
    void onlyLinuxOnKnownArchitecturesIsUsable() {
        assertTrue(Syscalls.whyNotUsable("Linux", "amd64").isEmpty());
        assertTrue(Syscalls.whyNotUsable("Linux", "aarch64").isEmpty());
        assertEquals("not Linux (os.name=Mac OS X)", Syscalls.whyNotUsable("Mac OS X", "aarch64").orElseThrow());
        assertEquals("unsupported architecture (os.arch=riscv64, known: amd64, aarch64)",
                Syscalls.whyNotUsable("Linux", "riscv64").orElseThrow());
    }
}
