package io.v2e.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line says before it talks to any broker. */
class CliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8)).run(args);
    }

    private String firstErrLine() {
        return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(Cli.USAGE, run());
        assertEquals("v2e-client: no command", firstErrLine());
    }

    @Test
    void invalidJsonIsRefusedBeforeConnecting() {
        assertEquals(Cli.USAGE, run("--socket", dir.resolve("none.sock").toString(), "request", "echo", "M", "{nope"));
        assertTrue(firstErrLine().startsWith("v2e-client: the JSON argument is not valid JSON: "), firstErrLine());
    }

    @Test
    void twoJsonValuesAreRefused() {
        assertEquals(Cli.USAGE, run("request", "echo", "M", "1 2"));
        assertEquals("v2e-client: the JSON argument has more than one value: 1 2", firstErrLine());
    }

    @Test
    void socketAndTcpTogetherAreRefused() {
        assertEquals(Cli.USAGE, run("--socket", "/x", "--tcp", "h:1", "request", "echo", "M"));
        assertEquals("v2e-client: give --socket or --tcp, not both", firstErrLine());
    }

    @Test
    void wrongArityIsNamed() {
        assertEquals(Cli.USAGE, run("serve"));
        assertEquals("v2e-client: serve takes NAME", firstErrLine());
        err.reset();
        assertEquals(Cli.USAGE, run("event", "t"));
        assertEquals("v2e-client: event takes TARGET ID [JSON]", firstErrLine());
    }

    @Test
    void aMissingSocketIsExitThreeWithThePath() {
        Path sock = dir.resolve("absent.sock");
        assertEquals(Cli.NO_CONNECTION, run("--socket", sock.toString(), "request", "echo", "M", "{}"));
        assertTrue(firstErrLine().startsWith("v2e-client: cannot connect to " + sock + ": "), firstErrLine());
    }

    @Test
    void registerPayloadEscapesQuotesBackslashesAndControls() {
        String name = "a\"b\\c\u0001";
        String json = io.v2e.broker.api.rpc.RpcJson.write(new io.v2e.broker.api.rpc.Register(name));
        assertEquals("{\"name\":\"a\\\"b\\\\c\\u0001\"}", json);
        assertEquals(name, io.v2e.broker.api.rpc.RpcJson.read(json, io.v2e.broker.api.rpc.Register.class).name());
    }
}
