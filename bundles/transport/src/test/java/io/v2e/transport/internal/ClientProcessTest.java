package io.v2e.transport.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.client.Cli;

/**
 * The v2e-client command line as a separate process, on the plain class path bin/v2e-client uses
 * (client, broker API, Jackson; no OSGi): served from outside, and calling in.
 */
class ClientProcessTest {

    @TempDir
    Path dir;
    private TransportFixture fx;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() {
        fx = new TransportFixture(dir);
        fx.brokerHarness.register("echo", TransportFixture.echo());
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        fx.close();
    }

    private static String jarOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Process cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                String.join(File.pathSeparator, jarOf(Cli.class), jarOf(Message.class), jarOf(JsonFactory.class),
                        jarOf(ObjectMapper.class), jarOf(JsonProperty.class)),
                Cli.class.getName(), "--socket", fx.socket.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        processes.add(p);
        return p;
    }

    private record Result(int status, String out, String err) {
    }

    private Result run(String... args) throws Exception {
        Process p = cli(args);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the client process did not end");
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    @Test
    void serveProcessIsReachedFromInsideTheContainer() throws Exception {
        Process server = cli("serve", "extproc");
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        String first = err.readLine();
        assertEquals("serving extproc on " + fx.socket + " (echo; Ctrl-C to stop)", first);
        Message answer = fx.broker().request(Message.request("inside", "extproc", "Echo", "{\"from\":\"inside\"}", "in-1"))
                .get(20, TimeUnit.SECONDS);
        assertEquals(new Message(MessageType.RESPONSE, "Echo", "{\"from\":\"inside\"}", null, "extproc", "inside", "in-1"),
                answer);
        server.destroy(); // its connection drops: the name goes with it
        assertTrue(server.waitFor(20, TimeUnit.SECONDS));
        await("extproc unregistered").atMost(TransportFixture.PATIENCE)
                .until(() -> fx.transport.named("extproc") == null);
        assertEquals("unknown target 'extproc'", fx.broker().request(Message.request("inside", "extproc", "Echo", "1",
                null)).get(20, TimeUnit.SECONDS).error());
    }

    @Test
    void aReservedNameIsServedWithItsNameTokenFileOnly() throws Exception {
        String token = "cli-name-token-0123456789";
        java.nio.file.Files.writeString(dir.resolve("billing.token"), token + "\n");
        fx.transport.reservations(NameReservations.of("", "billing=billing.token", dir));
        Result refused = run("serve", "billing");
        assertEquals(1, refused.status(), refused.toString());
        assertTrue(refused.err().startsWith("error: cannot serve 'billing': name 'billing' is reserved: it needs its token"),
                refused.err());

        Process server = cli("--name-token-file", dir.resolve("billing.token").toString(), "serve", "billing");
        String first = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("serving billing on " + fx.socket + " (echo; Ctrl-C to stop)", first);
        assertEquals("{\"n\":1}", fx.broker().request(Message.request("inside", "billing", "Echo", "{\"n\":1}", null))
                .get(20, TimeUnit.SECONDS).payload());
        assertTrue(!refused.err().contains(token) && !first.contains(token));
    }

    @Test
    void requestPrintsTheResponsePayload() throws Exception {
        Result r = run("request", "echo", "Echo", "{\"a\": [1, 2]}");
        assertEquals(new Result(0, "{\"a\": [1, 2]}", ""), r);
    }

    @Test
    void requestWithJsonPrintsTheWholeResponse() throws Exception {
        Result r = run("--json", "request", "echo", "Echo", "7");
        assertEquals(0, r.status());
        Message m = io.v2e.broker.api.MessageCodec.DEFAULT.decode(r.out());
        assertEquals(MessageType.RESPONSE, m.type());
        assertEquals("7", m.payload());
        assertEquals("echo", m.source());
    }

    @Test
    void anErrorAnswerExitsWithStatusOne() throws Exception {
        Result r = run("request", "nobody", "Echo", "{}");
        assertEquals(new Result(1, "", "error: unknown target 'nobody'"), r);
    }

    @Test
    void eventReachesAnInternalEndpointAndAnUndeliverableOneExitsOne() throws Exception {
        List<Message> seen = new CopyOnWriteArrayList<>();
        fx.brokerHarness.register("recorder", m -> {
            seen.add(m);
            return null;
        });
        assertEquals(new Result(0, "", ""), run("event", "recorder", "tick", "{\"n\":3}"));
        await("recorder got it").atMost(TransportFixture.PATIENCE).until(() -> !seen.isEmpty());
        // an unnamed connection's messages carry its identity conn-ID (issue 16)
        assertTrue(seen.get(0).source().startsWith("conn-"), seen.get(0).source());
        assertEquals(new Message(MessageType.EVENT, "tick", "{\"n\":3}", null, seen.get(0).source(), "recorder", null),
                seen.get(0));
        assertEquals(new Result(1, "", "error: event not delivered: unknown target 'nowhere'"),
                run("event", "nowhere", "tick", "{}"));
    }

    @Test
    void anExternalServerIsReachedByAnotherExternalClient() throws Exception {
        Process server = cli("serve", "twin");
        new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals(new Result(0, "[\"x\"]", ""), run("request", "twin", "Echo", "[\"x\"]"));
    }
}
