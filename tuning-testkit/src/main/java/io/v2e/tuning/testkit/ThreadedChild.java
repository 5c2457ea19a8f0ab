package io.v2e.tuning.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process (python3) with a main thread and three waiting threads, which starts one more
 * thread from its main thread on request: the subject of the process-level tuning tests. Its
 * threads are listed from /proc, never by asking the child. One test thread; close it when done.
 */
public final class ThreadedChild implements AutoCloseable {

    private static final String SCRIPT = String.join("\n",
            "import sys, threading",
            "stop = threading.Event()",
            "for _ in range(3):",
            "    threading.Thread(target=stop.wait, daemon=True).start()",
            "print('ready', flush=True)",
            "for line in sys.stdin:",
            "    t = threading.Thread(target=stop.wait, daemon=True)",
            "    t.start()",
            "    print(t.native_id, flush=True)",
            "");

    private final Process process;
    private final BufferedReader out;
    private final OutputStream in;

    private ThreadedChild(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.getOutputStream();
        String first = out.readLine();
        if (!"ready".equals(first)) {
            process.destroyForcibly();
            throw new IllegalStateException("python3 child did not start its threads: " + first);
        }
    }

    /** Starts the child and waits until its four threads exist. */
    public static ThreadedChild start() {
        try {
            return new ThreadedChild(new ProcessBuilder("python3", "-c", SCRIPT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start python3", e);
        }
    }

    public int pid() {
        return (int) process.pid();
    }

    /** The child's thread ids, from /proc/PID/task. */
    public List<Integer> tids() {
        List<Integer> tids = new ArrayList<>(io.v2e.tuning.api.proc.ProcThreads.tasksOf(pid()));
        if (tids.isEmpty()) {
            throw new IllegalStateException("child " + pid() + " has no tasks in /proc");
        }
        return tids;
    }

    /** Makes the child's main thread start one more thread; answers its thread id. */
    public int startThread() {
        try {
            in.write('\n');
            in.flush();
            return Integer.parseInt(out.readLine().trim());
        } catch (IOException e) {
            throw new UncheckedIOException("child " + pid() + " did not start a thread", e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
