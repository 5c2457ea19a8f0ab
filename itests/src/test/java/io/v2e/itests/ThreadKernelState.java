package io.v2e.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One thread's scheduling state as the kernel shows it to anyone, independent of the broker and
 * the providers: Cpus_allowed_list and nice from /proc/PID/task/TID, the I/O priority from
 * {@code ionice -p TID} (e.g. "realtime: prio 0").
 */
record ThreadKernelState(String cpus, int nice, String ionice) {

    static ThreadKernelState of(long pid, long tid) throws IOException, InterruptedException {
        Path task = Path.of("/proc/" + pid + "/task/" + tid);
        String cpus = Files.readAllLines(task.resolve("status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Cpus_allowed_list in " + task))
                .substring("Cpus_allowed_list:".length()).trim();
        String stat = Files.readString(task.resolve("stat"));
        int nice = Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        Process p = new ProcessBuilder("ionice", "-p", Long.toString(tid)).redirectErrorStream(true).start();
        String ionice = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ionice -p " + tid + ": " + ionice);
        }
        return new ThreadKernelState(cpus, nice, ionice);
    }

    /** What the broker's defaults make of a worker through a real provider: one CPU, nice 0, realtime/0. */
    boolean isTunedByDefaults() {
        return cpus.matches("\\d+") && nice == 0 && ionice.equals("realtime: prio 0");
    }
}
