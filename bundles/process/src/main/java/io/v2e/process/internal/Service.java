package io.v2e.process.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One supervised service: its supervisor thread {@code v2e-process-NAME} starts the process,
 * waits for it to end and applies the restart policy (never | on_failure | always, max_restarts,
 * doubling backoff reset after a stable run). States: starting, running, backoff, stopping,
 * stopped, exited (ended, not restarted), failed (could not start, or max_restarts reached).
 * Threading: the supervisor thread changes the state; {@link #stop} from any thread; the getters
 * from any thread (volatile fields).
 */
final class Service {

    private static final Logger LOG = System.getLogger(Service.class.getName());

    enum State { starting, running, backoff, stopping, stopped, exited, failed }

    /** Where a service came from. */
    enum Origin { config, rpc }

    private final ServiceSettings settings;
    private final Origin origin;
    private final Launcher launcher;
    private final Supervisor.Context context;
    private final ServiceLog log;
    private final Thread thread;
    private final CompletableFuture<ChildRun> firstStart = new CompletableFuture<>();
    private volatile State state = State.starting;
    private volatile ChildRun run;
    private volatile int restarts;
    private volatile String lastExit;
    private volatile String lastError;
    private volatile boolean stopRequested;

    Service(ServiceSettings settings, Origin origin, Launcher launcher, Supervisor.Context context, ServiceLog log) {
        this.settings = settings;
        this.origin = origin;
        this.launcher = launcher;
        this.context = context;
        this.log = log;
        this.thread = new Thread(this::supervise, "v2e-process-" + settings.name());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Completes when the first start was tried: with the run, or exceptionally with why it failed. */
    CompletableFuture<ChildRun> firstStart() {
        return firstStart;
    }

    private void supervise() {
        Backoff backoff = new Backoff(settings.backoffInitialMs(), settings.backoffMaxMs(), settings.backoffResetMs());
        while (!stopRequested) {
            state = State.starting;
            long started = System.nanoTime();
            boolean failure;
            try {
                ChildRun r = ChildRun.start(settings, launcher, context, log);
                run = r;
                if (stopRequested) { // stop() came while starting and found no run to end
                    r.terminate(settings.stopTimeoutMs());
                }
                state = State.running;
                lastError = null;
                firstStart.complete(r);
                int exit = r.awaitExit();
                r.finish();
                lastExit = ExitStatus.describe(exit);
                failure = exit != 0;
                LOG.log(stopRequested ? Level.INFO : Level.WARNING, "service {0} (pid {1}) ended: {2}", settings.name(),
                        r.pid(), lastExit);
            } catch (IOException e) {
                lastError = "cannot start: " + e.getMessage();
                LOG.log(Level.WARNING, "service {0}: {1}", settings.name(), lastError);
                firstStart.completeExceptionally(e);
                failure = true;
            } catch (InterruptedException e) {
                // stop() while starting: the interrupt may reach the wait of a run that has just begun
                ChildRun r = run;
                if (r != null) {
                    r.terminate(settings.stopTimeoutMs());
                    r.finish();
                }
                break;
            }
            if (stopRequested) {
                break;
            }
            if (!wantsRestart(failure)) {
                state = failure && run == null ? State.failed : State.exited;
                return;
            }
            if (settings.maxRestarts() >= 0 && restarts >= settings.maxRestarts()) {
                lastError = "max_restarts " + settings.maxRestarts() + " reached";
                LOG.log(Level.WARNING, "service {0}: {1}, not restarted", settings.name(), lastError);
                state = State.failed;
                return;
            }
            long delay = backoff.delayAfter(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            state = State.backoff;
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                break;
            }
            restarts++;
        }
        state = State.stopped;
    }

    private boolean wantsRestart(boolean failure) {
        switch (settings.restart()) {
            case always: return true;
            case on_failure: return failure;
            default: return false;
        }
    }

    /** SIGTERM, SIGKILL after stop_timeout_ms; returns when the process and the supervisor thread are gone. */
    void stop() {
        stopRequested = true;
        State before = state;
        state = State.stopping;
        ChildRun r = run;
        if (r != null && r.isAlive()) {
            r.terminate(settings.stopTimeoutMs());
        }
        if (before == State.backoff || before == State.starting) {
            thread.interrupt();
        }
        try {
            thread.join(settings.stopTimeoutMs() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        state = State.stopped;
    }

    String name() {
        return settings.name();
    }

    ServiceSettings settings() {
        return settings;
    }

    Origin origin() {
        return origin;
    }

    State state() {
        return state;
    }

    ChildRun run() {
        return run;
    }

    /** The running process, or null. */
    ChildRun runningChild() {
        ChildRun r = run;
        return r != null && r.isAlive() && state == State.running ? r : null;
    }

    int restarts() {
        return restarts;
    }

    String lastExit() {
        return lastExit;
    }

    String lastError() {
        return lastError;
    }

    ServiceLog log() {
        return log;
    }

    Map<String, String> tuning() {
        ChildRun r = run;
        return r == null ? Map.of() : r.tuning();
    }
}
