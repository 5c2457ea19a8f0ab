package io.v2e.process.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Starts every child from one long-lived thread, {@code v2e-process-launcher}, through
 * {@code setpriv --pdeathsig KILL}: the kernel sends SIGKILL to the child when the thread that
 * forked it exits (PR_SET_PDEATHSIG follows the parent THREAD, not the process), so a child
 * started from a short-lived thread would be killed with it; from this thread, which lives until
 * the supervisor has stopped every child, the signal comes only when the container's JVM dies,
 * SIGKILL included. Without setpriv (not installed) children start directly and say so.
 * Threading: any thread calls {@link #start}; the start itself runs on the launcher thread.
 */
final class Launcher implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "v2e-process-launcher");
        t.setDaemon(true);
        return t;
    });
    private final Path setpriv;

    Launcher(Path setpriv) {
        this.setpriv = setpriv;
    }

    /** setpriv from PATH (util-linux), or null. */
    static Path findSetpriv() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin:/usr/sbin:/sbin" : path + ":/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "setpriv"))) {
                return Path.of(dir, "setpriv");
            }
        }
        return null;
    }

    Path setpriv() {
        return setpriv;
    }

    /** The command line actually run: setpriv's prefix, then the service's command. */
    List<String> commandLine(List<String> service) {
        List<String> line = new ArrayList<>();
        if (setpriv != null) {
            line.add(setpriv.toString());
            line.add("--pdeathsig");
            line.add("KILL");
            line.add("--");
        }
        line.addAll(service);
        return line;
    }

    /**
     * Not interruptible: once submitted, the start happens, and the caller must own the process
     * (an abandoned one would outlive its service). An interrupt is kept for the caller.
     */
    Process start(ProcessBuilder builder) throws IOException {
        java.util.concurrent.Future<Process> started = thread.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException) {
                        throw (IOException) cause;
                    }
                    throw new IOException(String.valueOf(cause), cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Only after every child is gone: their parent thread ends here. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
