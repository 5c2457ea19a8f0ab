package io.v2e.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Supervised services in the assembled container (bin/v2e as a real process): a service started
 * by a file in etc/, answering through the broker, edited and deleted live; no child survives the
 * container, neither a SIGTERM (children stopped first) nor a SIGKILL of its JVM (the kernel's
 * PR_SET_PDEATHSIG, set by setpriv); without CAP_SYS_NICE a negative nice is DENIED and the service
 * runs. Children are the python3 test service of bundles/process.
 */
class ProcessSupervisionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SERVICE = Path.of("../bundles/process/src/test/resources/v2e-test-service.py")
            .toAbsolutePath().normalize();

    /** A started container and its client. */
    private static final class Container implements AutoCloseable {
        final V2e copy;
        final Process process;

        Container(String name, List<String> prefix, Map<String, String> etcFiles) throws Exception {
            copy = V2e.copyOfDistribution(name);
            Files.copy(SERVICE, copy.home().resolve("service.py"));
            for (Map.Entry<String, String> f : etcFiles.entrySet()) {
                Files.writeString(copy.home().resolve("etc").resolve(f.getKey()), f.getValue());
            }
            process = copy.startContainer(prefix, Map.of(), copy.home().resolve("stdout.txt"),
                    copy.home().resolve("stderr.txt"));
            await("the container's socket").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(copy.home().resolve("run/v2e.sock")));
        }

        String serviceCfg(String extra) {
            return "command = python3\nargs = " + copy.home().resolve("service.py") + "\nbackoff_initial_ms = 100\n" + extra;
        }

        /** bin/v2e-client request: {exit, output}. */
        String[] request(String target, String method, String payload) throws Exception {
            Process p = new ProcessBuilder(copy.home().resolve("bin/v2e-client").toString(), "request", target, method,
                    payload).redirectErrorStream(true).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            return new String[] {Integer.toString(p.exitValue()), new String(p.getInputStream().readAllBytes()).trim()};
        }

        JsonNode entry(String name) throws Exception {
            String[] r = request("broker", "RPCListProcesses", "{}");
            assertEquals("0", r[0], r[1]);
            for (JsonNode e : JSON.readTree(r[1]).get("processes")) {
                if (e.get("name").asText().equals(name)) {
                    return e;
                }
            }
            return null;
        }

        /** Waits until NAME runs and answers echo; its pid. */
        int awaitAnswering(String name) throws Exception {
            await(name + " answering").atMost(Duration.ofSeconds(30)).until(() -> {
                String[] r = request(name, "echo", "{\"ping\":1}");
                return r[0].equals("0") && r[1].replace(" ", "").equals("{\"ping\":1}");
            });
            return entry(name).get("pid").asInt();
        }

        void writeEtc(String file, String content) throws Exception {
            Path tmp = copy.home().resolve(file + ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, copy.home().resolve("etc").resolve(file), StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static boolean alive(int pid) {
        return Files.exists(Path.of("/proc/" + pid));
    }

    @Test
    void aServiceFromEtcAnswersThroughTheBrokerAndNoChildSurvivesASigkillOfTheContainer() throws Exception {
        try (Container c = new Container("process-sigkill", List.of(), Map.of())) {
            // 'linger': the child outlives the end of its stdin, so only the kernel's death signal can end it
            c.writeEtc("io.v2e.process-echo.cfg", c.serviceCfg("args = " + c.copy.home().resolve("service.py") + " linger\n"));
            int pid = c.awaitAnswering("echo");
            assertTrue(alive(pid));
            String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains("service.py"), cmdline);
            c.process.destroyForcibly(); // SIGKILL: no shutdown hook, no deactivation runs
            assertTrue(c.process.waitFor(10, TimeUnit.SECONDS));
            await("the child of the SIGKILLed container gone from /proc").atMost(Duration.ofSeconds(10))
                    .until(() -> !alive(pid));
        }
    }

    @Test
    void onSigtermTheContainerStopsItsChildrenBeforeItExits() throws Exception {
        try (Container c = new Container("process-sigterm", List.of(), Map.of())) {
            // 'ignore-term': only the SIGKILL after stop_timeout_ms ends the first one
            c.writeEtc("io.v2e.process-first.cfg", c.serviceCfg("args = " + c.copy.home().resolve("service.py")
                    + " linger ignore-term\nstop_timeout_ms = 1000\n"));
            c.writeEtc("io.v2e.process-second.cfg", c.serviceCfg("transport = socket\nargs = "
                    + c.copy.home().resolve("service.py") + " socket\nsocket_base = " + c.copy.home().resolve("run/uds") + "\n"));
            int first = c.awaitAnswering("first");
            int second = c.awaitAnswering("second");
            c.process.destroy(); // SIGTERM
            assertTrue(c.process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, c.process.exitValue());
            assertTrue(!alive(first) && !alive(second), "both children were stopped before the container exited");
        }
    }

    @Test
    void addingEditingAndDeletingTheCfgFileStartsRestartsAndStopsTheService() throws Exception {
        try (Container c = new Container("process-live", List.of(), Map.of())) {
            c.writeEtc("io.v2e.process-live.cfg", c.serviceCfg(""));
            int first = c.awaitAnswering("live");
            c.writeEtc("io.v2e.process-live.cfg", c.serviceCfg("args = " + c.copy.home().resolve("service.py")
                    + " threads 2\n"));
            await("the edited service restarted").atMost(Duration.ofSeconds(30))
                    .until(() -> !alive(first) && c.entry("live") != null && c.entry("live").get("pid").asInt() != first
                            && c.entry("live").get("proc") != null && c.entry("live").get("proc").get("threads").asInt() == 3);
            int second = c.awaitAnswering("live");
            assertNotEquals(first, second);
            c.writeEtc("io.v2e.process-live.cfg", c.serviceCfg("cpus = 99999\n"));
            await("the bad edit rejected").atMost(Duration.ofSeconds(30)).until(() -> c.entry("live").get("last_error")
                    .asText().startsWith("configuration rejected: cpus '99999'"));
            assertEquals(second, c.entry("live").get("pid").asInt(), "the previous process keeps running");
            Files.delete(c.copy.home().resolve("etc/io.v2e.process-live.cfg"));
            await("the deleted service stopped").atMost(Duration.ofSeconds(30)).until(() -> !alive(second));
        }
    }

    @Test
    void withoutCapSysNiceANegativeNiceIsDeniedAndTheServiceRunsAnyway() throws Exception {
        List<String> noSysNice = List.of("setpriv", "--inh-caps=-sys_nice", "--bounding-set=-sys_nice", "--");
        try (Container c = new Container("process-nocap", noSysNice, Map.of())) {
            c.writeEtc("io.v2e.process-lowly.cfg", c.serviceCfg("nice = -5\n"));
            int pid = c.awaitAnswering("lowly");
            // noop may be bound first at boot: the child is retuned when jnr binds
            await("nice -5 tried by the jnr provider").atMost(Duration.ofSeconds(30))
                    .until(() -> c.entry("lowly").get("tuning").get("nice -5").asText().startsWith("DENIED(EACCES"));
            JsonNode e = c.entry("lowly");
            assertEquals("running", e.get("state").asText());
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            assertEquals("0", stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16], "nice field unchanged");
        }
    }

    @Test
    void rpcSpawnStartsAServiceThatAnswersAndRpcStopProcessStopsIt() throws Exception {
        try (Container c = new Container("process-rpc", List.of(), Map.of())) {
            String[] r = c.request("broker", "RPCSpawn", "{\"id\":\"spawned\",\"command\":\"python3\",\"args\":[\""
                    + c.copy.home().resolve("service.py") + "\"]}");
            assertEquals("0", r[0], r[1]);
            JsonNode spawned = JSON.readTree(r[1]);
            assertEquals("running", spawned.get("status").asText());
            int pid = c.awaitAnswering("spawned");
            assertEquals(spawned.get("pid").asInt(), pid);
            r = c.request("broker", "RPCStopProcess", "{\"id\":\"spawned\"}");
            assertEquals("0", r[0], r[1]);
            await("the stopped process gone").atMost(Duration.ofSeconds(20)).until(() -> !alive(pid));
        }
    }

    @Test
    void thePermitsASupervisedProcessTookAreReleasedWhenItDies() throws Exception {
        try (Container c = new Container("process-permits", List.of(), Map.of())) {
            c.writeEtc("io.v2e.process-holder.cfg", c.serviceCfg("restart = never\n"));
            int pid = c.awaitAnswering("holder");
            // the child asks the broker itself, so the permits are held by its endpoint
            String[] r = c.request("holder", "ask", "{\"target\":\"broker\",\"method\":\"RPCRequestPermits\","
                    + "\"payload\":{\"provider_id\":\"holder\",\"permit_count\":5}}");
            assertEquals("0", r[0], r[1]);
            assertTrue(r[1].replace(" ", "").contains("\"granted\":5"), r[1]);
            assertEquals(5, metrics(c).get("allocated_permits").asInt());
            new ProcessBuilder("kill", "-KILL", Integer.toString(pid)).start().waitFor();
            await("the dead holder's permits back in the pool").atMost(Duration.ofSeconds(20))
                    .until(() -> metrics(c).get("allocated_permits").asInt() == 0);
            assertEquals(64, metrics(c).get("available_permits").asInt());
        }
    }

    @Test
    void brokerProcessesListsTheServiceOfAnEtcFile() throws Exception {
        V2e copy = V2e.copyOfDistribution("process-shell");
        Files.copy(SERVICE, copy.home().resolve("service.py"));
        Files.writeString(copy.home().resolve("etc/io.v2e.process-shown.cfg"), "command = python3\nargs = "
                + copy.home().resolve("service.py") + "\n");
        V2e.Result r = copy.run("broker:processes");
        assertEquals(0, r.exitCode(), r::toString);
        String[] lines = r.stdout().split("\n");
        assertTrue(lines[0].startsWith("NAME ") && lines[0].contains(" STATE ") && lines[0].endsWith("LAST EXIT"), r::toString);
        assertTrue(lines[1].startsWith("shown ") && lines[1].contains(" config ") && lines[1].contains(" stdio "),
                r::toString);
    }

    private static JsonNode metrics(Container c) throws Exception {
        String[] r = c.request("broker", "RPCGetKernelMetrics", "{}");
        assertEquals("0", r[0], r[1]);
        return JSON.readTree(r[1]);
    }
}
