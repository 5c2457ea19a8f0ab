package io.v2e.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.v2e.broker.embedded.EmbeddedBroker;
import io.v2e.client.V2eClient;
import io.v2e.tuning.jnr.internal.JnrTuningProvider;
import io.v2e.tuning.testkit.ChildJvm;
import io.v2e.tuning.testkit.KernelReader;

/**
 * Without CAP_SYS_NICE (dropped for good with setpriv in a child JVM) the shipped io_nice -10 is
 * refused: the loop reports DENIED(EACCES), /proc shows it kept its inherited nice, and the
 * transport serves requests all the same.
 */
class UnprivilegedLoopTest {

    @Test
    void withoutCapSysNiceTheLoopReportsDeniedKeepsItsNiceAndServes() {
        List<String> prefix = KernelReader.hasEffectiveCapability(KernelReader.CAP_SYS_NICE)
                ? List.of("setpriv", "--inh-caps=-sys_nice", "--bounding-set=-sys_nice", "--")
                : List.of(); // already unprivileged
        int inherited = KernelReader.threadNice(KernelReader.currentTid());
        Map<String, String> child = ChildJvm.run(prefix, List.of("-Xmx128m"), Child.class);
        assertEquals("false", child.get("capSysNice"), child.toString());
        assertTrue(child.get("niceOutcome").startsWith("DENIED(EACCES"), child.toString());
        assertEquals(String.valueOf(inherited), child.get("procNice"), child.toString());
        assertEquals("{\"ok\":true}", child.get("answer"), child.toString());
        assertTrue(child.get("text").contains("DENIED(EACCES"), "transport:threads shows it: " + child);
    }

    /** The child JVM: a transport with the shipped io settings and the jnr provider, one request through it. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path dir = Files.createTempDirectory("unpriv-loop");
            Path socket = dir.resolve("v2e.sock");
            try (EmbeddedBroker broker = EmbeddedBroker.start(Map.of("workers", 1), null, "u-")) {
                broker.register("echo", TransportFixture.echo());
                Transport t = new Transport(broker, TransportFixture.registrar(broker), TransportSettings.defaults(socket),
                        new JnrTuningProvider());
                t.start();
                try {
                    t.awaitPlanApplied(10_000_000_000L);
                    IoLoop loop = t.loops().get(0);
                    System.out.println("capSysNice=" + KernelReader.hasEffectiveCapability(KernelReader.CAP_SYS_NICE));
                    System.out.println("niceOutcome=" + loop.report().nice());
                    System.out.println("procNice=" + KernelReader.threadNice(loop.tid()));
                    try (V2eClient c = V2eClient.connect(socket)) {
                        System.out.println("answer=" + c.request("echo", "M", "{\"ok\":true}", Duration.ofSeconds(20))
                                .payload());
                    }
                    System.out.println("text=" + t.threads().toText().replace('\n', ' '));
                } finally {
                    t.stop();
                }
            }
            System.exit(0);
        }
    }
}
