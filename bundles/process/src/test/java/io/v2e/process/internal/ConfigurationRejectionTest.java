package io.v2e.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.process.api.ProcessList;

/** Bad configurations are refused with a clear message; what ran before keeps running. */
class ConfigurationRejectionTest {

    private final Fixture f = new Fixture(null);

    @AfterEach
    void close() {
        f.close();
    }

    private String rejectionOf(Map<String, Object> props) {
        return f.supervisor.configure("bad", props);
    }

    @Test
    void aMissingCommandIsRejected() {
        Map<String, Object> p = Fixture.service("");
        p.remove("command");
        assertEquals("configuration rejected: command is missing (the program to start)", rejectionOf(p));
    }

    @Test
    void aCommandThatIsNotExecutableIsRejected() throws Exception {
        Path file = Files.createTempFile(Path.of("target"), "noexec", ".sh");
        Map<String, Object> p = Fixture.service("");
        p.put("command", file.toAbsolutePath().toString());
        assertEquals("configuration rejected: command '" + file.toAbsolutePath() + "' is not executable", rejectionOf(p));
        p.put("command", "no-such-program-v2e");
        assertEquals("configuration rejected: command 'no-such-program-v2e' is not an executable file in PATH",
                rejectionOf(p));
    }

    @Test
    void aBadCpulistIsRejected() {
        Map<String, Object> p = Fixture.service("");
        p.put("cpus", "3-1x");
        assertTrue(rejectionOf(p).startsWith("configuration rejected: cpus '3-1x' is not a Linux cpulist"),
                rejectionOf(p));
    }

    @Test
    void anUnknownTransportIsRejected() {
        Map<String, Object> p = Fixture.service("");
        p.put("transport", "tcp");
        assertEquals("configuration rejected: transport 'tcp' is unknown (expected stdio or socket)", rejectionOf(p));
    }

    @Test
    void aRejectedEditKeepsThePreviousProcessRunningAndIsListed() {
        assertNull(f.supervisor.configure("kept", Fixture.service("")));
        int pid = f.awaitRunning("kept");
        Map<String, Object> bad = Fixture.service("");
        bad.put("nice", "-40");
        assertEquals("configuration rejected: nice must be -20..19 or empty (unchanged), was '-40'",
                f.supervisor.configure("kept", bad));
        assertEquals(pid, f.supervisor.service("kept").runningChild().pid());
        assertTrue(Fixture.processExists(pid));
        ProcessList.Entry e = f.supervisor.list().processes().get(0);
        assertEquals("running", e.state());
        assertEquals("configuration rejected: nice must be -20..19 or empty (unchanged), was '-40'", e.lastError());
    }

    @Test
    void aRejectedNewServiceIsListedAsRejected() {
        Map<String, Object> p = Fixture.service("");
        p.put("restart", "sometimes");
        rejectionOf(p);
        ProcessList.Entry e = f.supervisor.list().processes().get(0);
        assertEquals("bad", e.name());
        assertEquals("rejected", e.state());
        assertEquals("configuration rejected: restart 'sometimes' is unknown (expected never, on_failure or always)",
                e.lastError());
    }
}
