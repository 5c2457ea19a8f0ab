package io.v2e.process.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a service's process: started, tuned, linked to the broker as the endpoint NAME, and
 * finished. The endpoint is withdrawn the moment the link ends (the child closed its output or
 * died), so the broker answers every request still in flight with {@code endpoint 'NAME' went
 * away}. Threading: created and finished by the service's supervisor thread; {@link #terminate}
 * from any thread; the link's reader calls {@link #linkClosed}.
 */
final class ChildRun {

    private static final Logger LOG = System.getLogger(ChildRun.class.getName());

    /** Registers the endpoint of a run; closing the handle withdraws it. */
    interface Registrar {
        AutoCloseable register(String name, ServiceEndpoint endpoint);
    }

    private final ServiceSettings settings;
    private final Process process;
    private final long startedMillis = System.currentTimeMillis();
    private volatile Map<String, String> tuning;
    private final IoThreadTuning ioThreads;
    private final List<Thread> pumps = new ArrayList<>();
    private final AtomicBoolean withdrawn = new AtomicBoolean();
    private ServiceSocket socket;
    private volatile Link link;
    private volatile AutoCloseable registration;

    private ChildRun(ServiceSettings settings, Process process, Map<String, String> tuning, IoThreadTuning ioThreads) {
        this.settings = settings;
        this.process = process;
        this.tuning = tuning;
        this.ioThreads = ioThreads;
    }

    /**
     * Starts the process and links it. In socket mode the socket listens before the child starts
     * and the child must connect within connect_timeout_ms.
     *
     * @throws IOException when the process cannot start, or (socket mode) did not connect; the
     *         process is then gone
     */
    static ChildRun start(ServiceSettings s, Launcher launcher, Supervisor.Context context, ServiceLog log)
            throws IOException, InterruptedException {
        ServiceSocket socket = s.socket() == null ? null : ServiceSocket.listen(s.socket());
        Process process;
        try {
            ProcessBuilder pb = new ProcessBuilder(launcher.commandLine(s.commandLine()));
            if (s.workingDir() != null) {
                pb.directory(s.workingDir().toFile());
            }
            if (!s.inheritEnvironment()) {
                pb.environment().clear();
            }
            pb.environment().putAll(s.environment());
            pb.environment().put("V2E_PROCESS_ID", s.name());
            if (socket != null) {
                pb.environment().put("V2E_SOCKET", socket.path().toString());
            }
            process = launcher.start(pb);
        } catch (IOException | RuntimeException e) {
            if (socket != null) {
                socket.close();
            }
            throw e;
        }
        int pid = (int) process.pid();
        Map<String, String> tuning = ProcessTuning.apply(context.provider(), pid, s);
        for (Map.Entry<String, String> t : tuning.entrySet()) {
            if (!t.getValue().equals("APPLIED")) {
                LOG.log(Level.WARNING, "service {0} (pid {1}): {2} {3}; it runs without it", s.name(), pid, t.getKey(),
                        t.getValue());
            }
        }
        ChildRun run = new ChildRun(s, process, tuning, new IoThreadTuning(context::provider, s.ioThreadsCpus(),
                s.ioThreadsNice()));
        run.socket = socket;
        run.pump(process.getErrorStream(), "stderr", log);
        try {
            run.link(context, log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            run.terminate(s.stopTimeoutMs());
            run.finish();
            throw e;
        }
        return run;
    }

    private void link(Supervisor.Context context, ServiceLog log) throws IOException, InterruptedException {
        int pid = (int) process.pid();
        ServiceEndpoint endpoint = new ServiceEndpoint(settings.name(), pid, context.broker(), settings.requestTimeoutMs(),
                this::linkClosed);
        Link l;
        if (socket == null) {
            l = new Link(settings.name(), process.getInputStream(), process.getOutputStream(), settings.outboundCapacity(),
                    settings.maxLineBytes(), endpoint, ioThreads);
        } else {
            pump(process.getInputStream(), "stdout", log);
            SocketChannel connection = socket.accept(settings.connectTimeoutMs(), process::isAlive);
            if (connection == null) {
                throw new IOException(process.isAlive()
                        ? "did not connect to " + socket.path() + " within connect_timeout_ms " + settings.connectTimeoutMs()
                        : "exited before it connected to " + socket.path());
            }
            l = new Link(settings.name(), SocketStreams.in(connection), SocketStreams.out(connection),
                    settings.outboundCapacity(), settings.maxLineBytes(), endpoint, ioThreads);
        }
        endpoint.attach(l);
        link = l;
        l.start();
        registration = context.registrar().register(settings.name(), endpoint);
    }

    /** A stream of the child, line by line, into the service's log (one daemon thread, ends with the stream). */
    private void pump(InputStream stream, String name, ServiceLog log) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.add(name, line);
                }
            } catch (IOException | UncheckedIOException e) {
                // the child is gone
            }
        }, "v2e-process-" + settings.name() + "-" + name);
        t.setDaemon(true);
        t.start();
        pumps.add(t);
    }

    /**
     * The link ended: the endpoint goes at once (the broker answers what is in flight); a child
     * that closed its link but lives on is stopped, so the restart policy decides what follows.
     */
    void linkClosed() {
        withdraw();
        if (process.isAlive()) {
            LOG.log(Level.WARNING, "service {0} (pid {1}) closed its link but still runs: stopping it", settings.name(),
                    process.pid());
            terminate(settings.stopTimeoutMs());
        }
    }

    private void withdraw() {
        AutoCloseable r = registration;
        if (r != null && withdrawn.compareAndSet(false, true)) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "withdrawing endpoint " + settings.name(), e);
            }
        }
    }

    int pid() {
        return (int) process.pid();
    }

    long startedMillis() {
        return startedMillis;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Map<String, String> tuning() {
        return tuning;
    }

    /**
     * Applies the tuning again with {@code provider} when the last attempt left something not
     * APPLIED (a better provider bound after the start, e.g. jnr after noop at boot). What was
     * applied stays: process tuning has no restore, so a later, weaker provider changes nothing.
     */
    synchronized void retuneIfIncomplete(io.v2e.tuning.api.TuningProvider provider) {
        if (provider == null || !process.isAlive() || tuning.values().stream().allMatch("APPLIED"::equals)) {
            return;
        }
        Map<String, String> next = ProcessTuning.apply(provider, pid(), settings);
        tuning = next;
        LOG.log(Level.INFO, "service {0} (pid {1}) retuned with provider {2}: {3}", settings.name(), pid(),
                provider.name(), next);
    }

    Map<String, String> ioThreadTuning() {
        return ioThreads.outcomes();
    }

    /** Waits for the process to end; its exit value. */
    int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * SIGTERM to the process (and its descendants), SIGKILL after {@code timeoutMs}. Returns when
     * it is gone (or the caller is interrupted).
     */
    void terminate(long timeoutMs) {
        List<ProcessHandle> descendants = new ArrayList<>();
        process.toHandle().descendants().forEach(descendants::add);
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "service {0} (pid {1}) ignored SIGTERM for {2} ms: SIGKILL", settings.name(),
                        process.pid(), timeoutMs);
                process.destroyForcibly();
            }
            descendants.forEach(d -> {
                if (d.isAlive()) {
                    d.destroyForcibly();
                }
            });
            process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** After the exit: endpoint withdrawn, link and socket closed, pumps drained. */
    void finish() {
        withdraw();
        Link l = link;
        if (l != null) {
            l.close();
        }
        if (socket != null) {
            socket.close();
        }
        for (Thread t : pumps) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
