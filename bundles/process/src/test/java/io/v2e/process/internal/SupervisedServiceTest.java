package io.v2e.process.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;

/** Services from configuration: the link, restarts, in-flight answers on death, live changes. */
class SupervisedServiceTest {

    private final Fixture f = new Fixture(null);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aStdioServiceAnswersRequestsThroughTheBroker() throws Exception {
        assertNull(f.supervisor.configure("echo1", Fixture.service("")));
        f.awaitRunning("echo1");
        Message answer = f.request("echo1", "echo", "{\"x\":[1,2]}");
        assertEquals(MessageType.RESPONSE, answer.type(), answer::toString);
        assertEquals("{\"x\": [1, 2]}", answer.payload());
    }

    @Test
    void aSocketServiceAnswersOnItsMode0600SocketAndStdoutGoesToTheLog() throws Exception {
        Map<String, Object> props = Fixture.service("socket");
        props.put("transport", "socket");
        Path base = Files.createTempDirectory(Path.of("target"), "uds").toAbsolutePath();
        props.put("socket_base", base + "/v2e");
        assertNull(f.supervisor.configure("sock1", props));
        f.awaitRunning("sock1");
        Path socket = base.resolve("v2e_sock1.sock");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        Message answer = f.request("sock1", "echo", "{\"via\":\"socket\"}");
        assertEquals("{\"via\": \"socket\"}", answer.payload(), answer::toString);
        f.supervisor.unconfigure("sock1");
        assertTrue(Files.notExists(socket), "the socket file goes with the service");
    }

    @Test
    void stderrLinesLandInTheServicesLog() {
        f.supervisor.configure("logger1", Fixture.service(""));
        int pid = f.awaitRunning("logger1");
        await().atMost(Duration.ofSeconds(10)).until(() -> f.supervisor.log("logger1").lines().stream()
                .anyMatch(l -> l.endsWith(" stderr started logger1 pid " + pid)));
    }

    @Test
    void everyRequestInFlightWhenTheChildIsKilledIsAnsweredWentAwayAndTheRestartAnswers() throws Exception {
        Map<String, Object> props = Fixture.service("");
        props.put("restart", "always");
        f.supervisor.configure("victim", props);
        int pid = f.awaitRunning("victim");
        List<CompletableFuture<Message>> inFlight = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inFlight.add(f.broker.request(Message.request("test", "victim", "slow", "{\"ms\":30000}", null), 60_000));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> f.broker.stats().endpoints().stream()
                .anyMatch(e -> e.name().equals("victim") && e.delivered() >= 20));
        new ProcessBuilder("kill", "-KILL", Integer.toString(pid)).start().waitFor();
        for (CompletableFuture<Message> answer : inFlight) {
            Message m = answer.get(20, TimeUnit.SECONDS);
            assertEquals(MessageType.ERROR, m.type(), m::toString);
            assertEquals("endpoint 'victim' went away", m.error());
        }
        int next = f.awaitRunning("victim");
        assertNotEquals(pid, next);
        assertEquals("{\"a\": 1}", f.request("victim", "echo", "{\"a\":1}").payload());
        assertEquals("signal 9 (KILL)", f.supervisor.service("victim").lastExit());
        assertEquals(1, f.supervisor.service("victim").restarts());
    }

    @Test
    void aCrashLoopStopsAtMaxRestartsWithStateFailed() {
        Map<String, Object> props = Fixture.service("exit 3");
        props.put("max_restarts", "2");
        f.supervisor.configure("looper", props);
        await().atMost(Duration.ofSeconds(20)).until(() -> f.supervisor.service("looper").state() == Service.State.failed);
        Service s = f.supervisor.service("looper");
        assertEquals(2, s.restarts());
        assertEquals("exit 3", s.lastExit());
        assertEquals("max_restarts 2 reached", s.lastError());
    }

    @Test
    void onFailureDoesNotRestartACleanExit() {
        f.supervisor.configure("clean", Fixture.service("exit 0"));
        await().atMost(Duration.ofSeconds(20)).until(() -> f.supervisor.service("clean").state() == Service.State.exited);
        assertEquals(0, f.supervisor.service("clean").restarts());
        assertEquals("exit 0", f.supervisor.service("clean").lastExit());
    }

    @Test
    void anEditedConfigurationRestartsTheServiceWithTheNewSettings() throws Exception {
        f.supervisor.configure("edited", Fixture.service(""));
        int first = f.awaitRunning("edited");
        assertEquals(1, threadsOf("edited").split(",").length, "the main thread only");
        f.supervisor.configure("edited", Fixture.service("threads 2"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !Fixture.processExists(first));
        int second = f.awaitRunning("edited");
        assertNotEquals(first, second);
        assertEquals(3, threadsOf("edited").split(",").length, "main thread + 2 started by 'threads 2'");
    }

    private String threadsOf(String name) throws Exception {
        return f.request(name, "threads", "{}").payload();
    }

    @Test
    void aDeletedConfigurationStopsTheProcess() {
        f.supervisor.configure("deleted", Fixture.service(""));
        int pid = f.awaitRunning("deleted");
        f.supervisor.unconfigure("deleted");
        assertTrue(!Fixture.processExists(pid), "pid " + pid + " is gone from /proc");
        assertNull(f.supervisor.service("deleted"));
    }

    @Test
    void aBadFrameFromTheChildIsAnsweredWithAnError() throws Exception {
        f.supervisor.configure("garbler", Fixture.service(""));
        f.awaitRunning("garbler");
        Message answer = f.request("garbler", "garbage", "{}");
        assertTrue(answer.payload().startsWith("{\"error\": \"bad frame: "), answer::toString);
    }

    @Test
    void theChildsOwnRequestsReachOtherEndpointsAndTheirAnswersComeBack() throws Exception {
        f.supervisor.configure("left", Fixture.service(""));
        f.supervisor.configure("right", Fixture.service(""));
        f.awaitRunning("left");
        f.awaitRunning("right");
        Message answer = f.request("left", "ask", "{\"target\":\"right\",\"method\":\"echo\",\"payload\":{\"hop\":2}}");
        assertEquals("{\"type\": \"response\", \"payload\": {\"hop\": 2}, \"error\": null}", answer.payload(), answer::toString);
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAfterItsStopTimeout() throws Exception {
        Map<String, Object> props = Fixture.service("linger ignore-term");
        props.put("stop_timeout_ms", "300");
        f.supervisor.configure("stubborn", props);
        int pid = f.awaitRunning("stubborn");
        assertEquals(MessageType.RESPONSE, f.request("stubborn", "echo", "{}").type(), "it answers: SIGTERM is ignored now");
        Service s = f.supervisor.service("stubborn");
        f.supervisor.unconfigure("stubborn");
        assertTrue(!Fixture.processExists(pid), "pid " + pid + " is gone from /proc");
        assertEquals("signal 9 (KILL)", s.lastExit());
    }

    @Test
    void aChildThatClosesItsLinkButLivesOnIsStoppedAndRestarted() throws Exception {
        Map<String, Object> props = Fixture.service("linger");
        props.put("restart", "always");
        f.supervisor.configure("closer", props);
        int pid = f.awaitRunning("closer");
        f.broker.send(Message.request("test", "closer", "hangup", "{}", null)); // closes its stdout, keeps running
        await().atMost(Duration.ofSeconds(20)).until(() -> !Fixture.processExists(pid));
        int next = f.awaitRunning("closer");
        assertNotEquals(pid, next);
        assertEquals("signal 15 (TERM)", f.supervisor.service("closer").lastExit());
    }

    @Test
    void aChildThatStopsReadingGetsABoundedQueueAndTheRestIsAnsweredDropped() throws Exception {
        Map<String, Object> props = Fixture.service("");
        props.put("outbound_capacity", "4");
        f.supervisor.configure("stalled", props);
        f.awaitRunning("stalled");
        CompletableFuture<Message> stall = f.broker.request(Message.request("test", "stalled", "stall", "{\"ms\":3000}", null),
                30_000);
        String big = "{\"pad\":\"" + "x".repeat(16 * 1024) + "\"}"; // fills the pipe after a few
        List<CompletableFuture<Message>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(f.broker.request(Message.request("test", "stalled", "echo", big, null), 30_000));
        }
        int dropped = 0;
        int echoed = 0;
        for (CompletableFuture<Message> a : answers) {
            Message m = a.get(40, TimeUnit.SECONDS);
            if (m.type() == MessageType.ERROR) {
                assertEquals("dropped: the outbound queue of 'stalled' is full (outbound_capacity 4): the process is not"
                        + " reading", m.error());
                dropped++;
            } else {
                echoed++;
            }
        }
        assertEquals(MessageType.RESPONSE, stall.get(40, TimeUnit.SECONDS).type());
        assertTrue(dropped > 0 && echoed > 0, "dropped " + dropped + ", echoed " + echoed);
    }
}
