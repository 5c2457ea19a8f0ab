package io.v2e.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** One-shot commands of {@code bin/v2e} wait on the readiness condition v2e.ready, with a clear error past the bound. */
class ReadinessIT {

    @Test
    void commandRunsAfterTheContainerLoggedReady() {
        V2e v2e = copy("readiness-ok");
        V2e.Result r = v2e.run("broker:workers");
        assertEquals(0, r.exitCode(), r.toString());
        String log = V2e.readOrEmpty(v2e.home().resolve("log/command.log"));
        assertTrue(log.contains("io.v2e.readiness - container ready (osgi.condition.id=v2e.ready)"), log);
        assertTrue(r.stdout().lines().filter(l -> l.startsWith("  set:")).allMatch(l -> l.contains("affinity APPLIED")),
                r.toString());
    }

    @Test
    void containerNeverReadyFailsWithExitThreeNamingWhatIsMissing() throws IOException {
        V2e v2e = copy("readiness-missing");
        Files.writeString(v2e.home().resolve("etc/io.v2e.readiness.cfg"), "required_endpoints = ssg, nobody-serves-this\n",
                StandardOpenOption.TRUNCATE_EXISTING);
        V2e.Result r = v2e.run(List.of(), Map.of("JAVA_OPTS", "-Dv2e.command.wait.ms=2000"), "broker:stats");
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals("", r.stdout(), r.toString());
        assertEquals("v2e: the container was not ready within 2000 ms (no condition service osgi.condition.id=v2e.ready); "
                + "still waiting for: endpoint nobody-serves-this: not bound in the broker. See the log under log/\n",
                r.stderr(), r.toString());
    }

    @Test
    void anEmptyReadyConditionRunsTheCommandWithoutWaiting() throws IOException {
        V2e v2e = copy("readiness-off");
        Files.writeString(v2e.home().resolve("etc/io.v2e.readiness.cfg"), "required_endpoints = nobody-serves-this\n",
                StandardOpenOption.TRUNCATE_EXISTING);
        V2e.Result r = v2e.run(List.of(), Map.of("JAVA_OPTS", "-Dv2e.command.ready.condition="), "broker:endpoints");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().startsWith("NAME"), r.toString());
    }

    private static V2e copy(String name) {
        return V2e.copyOfDistribution(name);
    }
}
