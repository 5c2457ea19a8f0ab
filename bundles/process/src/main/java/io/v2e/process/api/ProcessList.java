package io.v2e.process.api;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code RPCListProcesses}.
 *
 * @param setpriv   the setpriv program children are started through (PR_SET_PDEATHSIG), or null
 *                  when none was found (children then outlive a SIGKILLed container)
 * @param processes every supervised service, by name
 */
public record ProcessList(String setpriv, List<Entry> processes) {

    /**
     * One service.
     *
     * @param name          the service (and broker endpoint) name
     * @param origin        {@code config} (an etc/ file) or {@code rpc} (a spawn RPC)
     * @param transport     {@code stdio} or {@code socket}
     * @param socket        the socket path in socket mode, else null
     * @param state         starting, running, backoff, stopping, stopped, exited, failed or rejected
     * @param pid           the running process, or null
     * @param restarts      restarts so far
     * @param maxRestarts   restarts allowed (-1 unlimited)
     * @param restart       never, on_failure or always
     * @param uptimeMs      time since the running process started, or null
     * @param lastExit      how the last process ended ({@code exit 3}, {@code signal 9 (KILL)}), or null
     * @param lastError     the last failure to start or connect, or a rejected configuration, or null
     * @param tuning        each tuning the configuration asks for and its outcome (APPLIED, DENIED(errno), ...)
     * @param ioThreads     the container-side reader/writer threads of the service and their tuning outcomes
     * @param proc          the tuning read back from /proc (and ioprio_get) for every thread of the process
     */
    public record Entry(String name, String origin, String transport, String socket, String state, Integer pid,
            int restarts, int maxRestarts, String restart, Long uptimeMs, String lastExit, String lastError,
            Map<String, String> tuning, Map<String, String> ioThreads, Proc proc) {
    }

    /**
     * The kernel's view of the process's threads; each list holds the distinct values over all threads.
     *
     * @param threads           number of threads (/proc/PID/task)
     * @param cpusAllowedList   Cpus_allowed_list values
     * @param nice              nice values
     * @param policy            scheduling policies (other, batch, idle, fifo, rr)
     * @param ioPriority        I/O priority values (class/level), when a provider could read them
     */
    public record Proc(int threads, List<String> cpusAllowedList, List<Integer> nice, List<String> policy,
            List<String> ioPriority) {
    }
}
