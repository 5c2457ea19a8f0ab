package io.v2e.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;

/**
 * {@code v2e-client}: talks to a running v2e container from a shell.
 *
 * <pre>
 * v2e-client [--socket PATH | --tcp HOST:PORT [--token-file PATH]] [--timeout MS] [--json] request TARGET METHOD [JSON]
 * v2e-client [...] event TARGET ID [JSON]
 * v2e-client [...] [--name-token-file PATH] serve NAME
 * </pre>
 *
 * Exit status: 0 success, 1 the broker answered with an error, 2 bad usage, 3 no connection or no answer.
 */
public final class Cli {

    static final int OK = 0;
    static final int ERROR_ANSWER = 1;
    static final int USAGE = 2;
    static final int NO_CONNECTION = 3;

    private static final String USAGE_TEXT = String.join("\n",
            "usage: v2e-client [--socket PATH | --tcp HOST:PORT [--token-file PATH]] [--timeout MS] [--json] COMMAND",
            "  request TARGET METHOD [JSON]  send a request, print the response payload (--json: the whole message)",
            "  event TARGET ID [JSON]        send an event",
            "  serve NAME                    register NAME and answer every request with its payload (echo);",
            "                                --name-token-file PATH presents the first line of PATH as NAME's token",
            "                                (for a name the container reserves in name_tokens)",
            "The socket defaults to $V2E_SOCKET, else <v2e.home>/run/v2e.sock. Over TCP the first line authenticates",
            "with the token in the first line of --token-file (default $V2E_TCP_TOKEN_FILE), the container's tcp_token_file.",
            "Exit status: 0 ok, 1 error answer, 2 bad usage, 3 no connection or no answer.");

    private final PrintStream stdout;
    private final PrintStream stderr;

    Cli(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static void main(String[] args) {
        int status = new Cli(System.out, System.err).run(args);
        System.out.flush();
        System.exit(status);
    }

    int run(String[] args) {
        Path socket = null;
        String tcp = null;
        Path tokenFile = System.getenv("V2E_TCP_TOKEN_FILE") == null || System.getenv("V2E_TCP_TOKEN_FILE").isBlank() ? null
                : Path.of(System.getenv("V2E_TCP_TOKEN_FILE"));
        Path nameTokenFile = null;
        long timeoutMs = 30_000;
        boolean json = false;
        List<String> rest = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!rest.isEmpty()) {
                    rest.add(a);
                } else if (a.equals("--socket")) {
                    socket = Path.of(value(args, ++i, a));
                } else if (a.equals("--tcp")) {
                    tcp = value(args, ++i, a);
                } else if (a.equals("--token-file")) {
                    tokenFile = Path.of(value(args, ++i, a));
                } else if (a.equals("--name-token-file")) {
                    nameTokenFile = Path.of(value(args, ++i, a));
                } else if (a.equals("--timeout")) {
                    timeoutMs = Long.parseLong(value(args, ++i, a));
                } else if (a.equals("--json")) {
                    json = true;
                } else if (a.equals("--help") || a.equals("-h")) {
                    stdout.println(USAGE_TEXT);
                    return OK;
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + a);
                } else {
                    rest.add(a);
                }
            }
            if (socket != null && tcp != null) {
                throw new IllegalArgumentException("give --socket or --tcp, not both");
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("no command");
            }
            if (timeoutMs <= 0) {
                throw new IllegalArgumentException("--timeout must be > 0");
            }
            checkArity(rest);
        } catch (IllegalArgumentException e) {
            stderr.println("v2e-client: " + e.getMessage());
            stderr.println(USAGE_TEXT);
            return USAGE;
        }
        Duration timeout = Duration.ofMillis(timeoutMs);
        try (V2eClient client = connect(socket, tcp, tokenFile)) {
            switch (rest.get(0)) {
                case "request": return request(client, rest, timeout, json);
                case "event": return event(client, rest, timeout);
                default: return serve(client, rest.get(1), nameTokenFile == null ? null : firstLine(nameTokenFile), timeout,
                        socket, tcp);
            }
        } catch (IOException e) {
            stderr.println("v2e-client: " + e.getMessage());
            return NO_CONNECTION;
        } catch (TimeoutException e) {
            stderr.println("v2e-client: " + e.getMessage());
            return NO_CONNECTION;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NO_CONNECTION;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static void checkArity(List<String> rest) {
        String cmd = rest.get(0);
        int n = rest.size() - 1;
        switch (cmd) {
            case "request":
            case "event":
                if (n < 2 || n > 3) {
                    throw new IllegalArgumentException(cmd + " takes TARGET " + (cmd.equals("request") ? "METHOD" : "ID")
                            + " [JSON]");
                }
                if (n == 3) {
                    checkJson(rest.get(3));
                }
                break;
            case "serve":
                if (n != 1) {
                    throw new IllegalArgumentException("serve takes NAME");
                }
                break;
            default:
                throw new IllegalArgumentException("unknown command '" + cmd + "'");
        }
    }

    /** The payload must be exactly one JSON value: the broker would refuse the line otherwise. */
    static void checkJson(String text) {
        try (JsonParser p = new JsonFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("the JSON argument is empty");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("the JSON argument has more than one value: " + text);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the JSON argument is not valid JSON: " + e.getMessage());
        }
    }

    static Path defaultSocket() {
        String env = System.getenv("V2E_SOCKET");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String home = System.getProperty("v2e.home");
        return Path.of(home == null || home.isBlank() ? "." : home, "run", "v2e.sock");
    }

    private static V2eClient connect(Path socket, String tcp, Path tokenFile) throws IOException {
        if (tcp != null) {
            int colon = tcp.lastIndexOf(':');
            if (colon <= 0) {
                throw new IOException("--tcp wants HOST:PORT, got '" + tcp + "'");
            }
            int port;
            try {
                port = Integer.parseInt(tcp.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IOException("--tcp wants HOST:PORT, got '" + tcp + "'");
            }
            if (tokenFile == null) {
                throw new IOException("--tcp needs --token-file PATH (or $V2E_TCP_TOKEN_FILE): the container's tcp_token_file");
            }
            return V2eClient.connect(tcp.substring(0, colon), port, firstLine(tokenFile));
        }
        return V2eClient.connect(socket != null ? socket : defaultSocket());
    }

    /** The first line of a token file, trimmed ("" when empty). */
    private static String firstLine(Path file) throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(0).trim();
    }

    private static String payloadArg(List<String> rest) {
        return rest.size() > 3 ? rest.get(3) : "{}";
    }

    private int request(V2eClient client, List<String> rest, Duration timeout, boolean json)
            throws IOException, TimeoutException, InterruptedException {
        Message answer = client.request(rest.get(1), rest.get(2), payloadArg(rest), timeout);
        if (json) {
            stdout.println(answer);
        } else if (answer.type() == MessageType.RESPONSE && answer.payload() != null) {
            stdout.println(answer.payload());
        }
        if (answer.type() == MessageType.ERROR) {
            stderr.println("error: " + answer.error());
            return ERROR_ANSWER;
        }
        return OK;
    }

    /**
     * Sends the event, then a request to the broker as a barrier: the transport handles one
     * connection's lines in order, so an error about the event arrives before the barrier's answer.
     */
    private int event(V2eClient client, List<String> rest, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        AtomicReference<String> error = new AtomicReference<>();
        client.onUnmatched(m -> {
            if (m.type() == MessageType.ERROR) {
                error.compareAndSet(null, m.error());
            }
        });
        client.event(rest.get(1), rest.get(2), payloadArg(rest));
        client.request(V2eClient.BROKER, "RPCGetMessageCount", "{}", timeout);
        if (error.get() != null) {
            stderr.println("error: " + error.get());
            return ERROR_ANSWER;
        }
        return OK;
    }

    private int serve(V2eClient client, String name, String token, Duration timeout, Path socket, String tcp)
            throws IOException, TimeoutException, InterruptedException {
        client.onUnmatched(m -> {
            if (m.type() == MessageType.ERROR) {
                stderr.println("error: " + m.error());
            }
        });
        try {
            client.serve(name, token, Message::payload, timeout);
        } catch (IOException e) {
            stderr.println("error: " + e.getMessage());
            return ERROR_ANSWER;
        }
        stderr.println("serving " + name + " on " + (tcp != null ? tcp : socket != null ? socket : defaultSocket())
                + " (echo; Ctrl-C to stop)");
        stderr.flush();
        client.awaitClosed();
        stderr.println("connection closed" + (client.lastError() != null ? ": " + client.lastError() : ""));
        return NO_CONNECTION;
    }
}
