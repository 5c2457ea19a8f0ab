package io.v2e.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.tools.attach.VirtualMachine;

import io.v2e.broker.api.Message;
import io.v2e.client.V2eClient;
import io.v2e.launcher.FileTrees;

import jdk.management.jfr.FlightRecorderMXBean;

/**
 * The real container for the socket section: a private copy of the built distribution
 * ({@code distribution/target/v2e}) started with its own {@code bin/v2e}, so its own
 * {@code run/v2e.sock}. The section reads the container JVM's numbers from outside: page faults
 * and peak RSS from /proc/PID, heap allocation (HotSpot's per-thread counters, summed) and a JFR
 * recording through the JVM's local management agent (attach API), which needs no change to the
 * container.
 * Threading: the section's thread only.
 */
final class V2eContainer implements AutoCloseable {

    /** Threads of the measurement itself (JMX over RMI, the attach listener): not counted as the container's allocation. */
    private static final List<String> OBSERVER_THREADS = List.of("RMI ", "JMX ", "Attach Listener");

    private final ChildProcess process;
    private final Path home;
    private final JMXConnector jmx;
    private final com.sun.management.ThreadMXBean threads;
    private final FlightRecorderMXBean jfr;
    private long recording = -1;
    private String shippedBrokerCfg;
    private String shippedTuningCfg;
    private String startTransportCfg;
    private V2eClient admin;

    private V2eContainer(ChildProcess process, Path home, JMXConnector jmx) throws IOException {
        this.process = process;
        this.home = home;
        this.jmx = jmx;
        MBeanServerConnection c = jmx.getMBeanServerConnection();
        this.threads = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.THREAD_MXBEAN_NAME,
                com.sun.management.ThreadMXBean.class);
        try {
            this.jfr = JMX.newMXBeanProxy(c, new ObjectName(FlightRecorderMXBean.MXBEAN_NAME), FlightRecorderMXBean.class);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The built distribution: system property {@code v2e.distribution}, else
     * {@code distribution/target/v2e} of the checkout these classes were built in.
     */
    static Path distribution() {
        String p = System.getProperty("v2e.distribution");
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        try {
            // .../benchmarks/target/classes -> .../distribution/target/v2e
            Path classes = Path.of(V2eContainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent().getParent().resolve("distribution/target/v2e");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("distribution/target/v2e");
        }
    }

    /** Copies {@code dist} to {@code home} (replacing an earlier copy), starts it and waits until its socket answers. */
    static V2eContainer start(Path dist, Path home, Path log) throws Exception {
        return start(dist, home, log, 0);
    }

    /**
     * As {@link #start(Path, Path, Path)}; {@code maxConnections} > 0 is appended to the copy's
     * etc/io.v2e.transport.cfg as {@code max_connections} (a limit, not a tuning: the scale rows
     * connect more than the shipped 1024).
     */
    static V2eContainer start(Path dist, Path home, Path log, int maxConnections) throws Exception {
        if (!Files.isExecutable(dist.resolve("bin/v2e"))) {
            throw new IOException("no built distribution at " + dist + " (mvn -pl distribution -am package -DskipTests)");
        }
        freshCopy(dist, home);
        if (maxConnections > 0) {
            Path cfg = home.resolve("etc/io.v2e.transport.cfg");
            Files.writeString(cfg, Files.readString(cfg) + "\n# set by the socket benchmark (scale rows)\nmax_connections = "
                    + maxConnections + "\n");
        }
        Path socket = home.resolve("run/v2e.sock");
        if (socket.toString().length() > 100) {
            throw new IOException("socket path " + socket + " is too long for a UNIX socket (> 100 bytes): use a shorter --work");
        }
        ChildProcess p = ChildProcess.start("v2e container", List.of(home.resolve("bin/v2e").toString()),
                Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", containerJvmOptions(home)), log);
        try {
            p.awaitCondition("listen on " + socket, 60, () -> connectable(socket));
            VirtualMachine vm = VirtualMachine.attach(Long.toString(p.pid()));
            String url;
            try {
                url = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            return new V2eContainer(p, home, JMXConnectorFactory.connect(new JMXServiceURL(url)));
        } catch (Exception e) {
            p.close();
            throw e;
        }
    }

    private static boolean connectable(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    Path socket() {
        return home.resolve("run/v2e.sock");
    }

    long pid() {
        return process.pid();
    }

    /** Heap bytes allocated so far by the container's live threads (not the measurement's own JMX/attach threads). */
    long allocatedBytes() {
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        long sum = 0;
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && bytes[i] > 0 && OBSERVER_THREADS.stream().noneMatch(infos[i].getThreadName()::startsWith)) {
                sum += bytes[i];
            }
        }
        return sum;
    }

    /** Minor and major page faults of the container JVM so far (/proc/PID/stat fields 10 and 12). */
    long[] pageFaults() throws IOException {
        String s = Files.readString(Path.of("/proc/" + pid() + "/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[7]), Long.parseLong(f[9])};
    }

    /**
     * Nanoseconds the container's threads whose kernel name (comm, the first 15 characters of the
     * Java name) starts with {@code commPrefix} spent runnable but waiting for a CPU (schedstat
     * run_delay, summed over the live threads).
     */
    long runDelayNanos(String commPrefix) throws IOException {
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid() + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(t.resolve("comm")).trim().startsWith(commPrefix)) {
                        String[] f = Files.readString(t.resolve("schedstat")).trim().split("\\s+");
                        sum += Long.parseLong(f[1]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile: not counted
                }
            }
        }
        return sum;
    }

    /** Threads of the container JVM now (/proc/PID/task entries). */
    int threadCount() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid() + "/task"))) {
            return (int) tasks.count();
        }
    }

    /** Threads of the container whose kernel name (comm) starts with {@code commPrefix}. */
    int threadCount(String commPrefix) throws IOException {
        int n = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid() + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(t.resolve("comm")).trim().startsWith(commPrefix)) {
                        n++;
                    }
                } catch (IOException e) {
                    // ended meanwhile
                }
            }
        }
        return n;
    }

    /**
     * Selects the tuning provider live (etc/io.v2e.tuning.cfg {@code provider = NAME}, {@code auto}
     * = the shipped selection) and waits until every broker worker runs it, and every transport
     * I/O loop too where the transport answers RPCGetTransportThreads (an older transport does not).
     *
     * @return the provider name the workers report
     */
    String configureProvider(String provider) throws Exception {
        Path cfg = home.resolve("etc/io.v2e.tuning.cfg");
        if (shippedTuningCfg == null) {
            shippedTuningCfg = Files.readString(cfg);
        }
        Files.writeString(cfg, provider.equals("auto") ? shippedTuningCfg
                : shippedTuningCfg + "\n# set by the socket benchmark\nprovider = " + provider + "\n");
        if (admin == null) {
            admin = V2eClient.connect(socket());
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            JsonNode n = Results.JSON.readTree(String.valueOf(
                    admin.request("broker", "RPCGetWorkers", "{}", Duration.ofSeconds(5)).payload()));
            last = n.toString();
            String bound = n.path("provider").asText();
            boolean ok = n.path("workers").size() > 0 && (provider.equals("auto") ? !bound.equals("noop") : bound.equals(provider));
            for (JsonNode w : n.path("workers")) {
                ok &= w.path("tuning_current").asBoolean() && w.path("provider").asText().equals(bound);
            }
            Message t = admin.request("transport", "RPCGetTransportThreads", "{}", Duration.ofSeconds(5));
            if (t.type() == io.v2e.broker.api.MessageType.RESPONSE) {
                for (JsonNode l : Results.JSON.readTree(t.payload()).path("loops")) {
                    ok &= l.path("provider").asText().equals(bound);
                }
            }
            if (ok) {
                return bound;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the container did not move to provider " + provider + " within 20 s; RPCGetWorkers: "
                + last);
    }

    /**
     * Replaces the copy's etc/io.v2e.transport.cfg with what it was at start plus {@code settings}
     * (applied live) and waits until RPCGetTransportThreads reports every loop on the new plan
     * (io_nice, io_placement and io_scheduling compared; the others are not in the report's plan).
     */
    void configureTransport(Map<String, String> settings) throws Exception {
        Path cfg = home.resolve("etc/io.v2e.transport.cfg");
        if (startTransportCfg == null) {
            startTransportCfg = Files.readString(cfg);
        }
        StringBuilder b = new StringBuilder(startTransportCfg).append("\n# set by the socket benchmark (variant)\n");
        settings.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(cfg, b.toString());
        long deadline = System.nanoTime() + 20_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            String t = transportThreads();
            if (t == null) {
                throw new IllegalStateException("this container's transport has no RPCGetTransportThreads: transport variants"
                        + " cannot be confirmed");
            }
            last = t;
            JsonNode n = Results.JSON.readTree(t);
            boolean ok = n.path("nice").asText().equals(settings.getOrDefault("io_nice", "-10"))
                    && n.path("placement").asText().equals(settings.getOrDefault("io_placement", "set"))
                    && n.path("scheduling").asText().startsWith(settings.getOrDefault("io_scheduling", "other") + "/");
            for (JsonNode l : n.path("loops")) {
                ok &= l.path("tuning_current").asBoolean();
            }
            if (ok) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the transport did not apply " + settings + " within 20 s: " + last);
    }

    /** The transport's RPCGetTransportThreads payload, or null when this container's transport has no such RPC. */
    String transportThreads() throws Exception {
        if (admin == null) {
            admin = V2eClient.connect(socket());
        }
        Message t = admin.request("transport", "RPCGetTransportThreads", "{}", Duration.ofSeconds(5));
        return t.type() == io.v2e.broker.api.MessageType.RESPONSE ? t.payload() : null;
    }

    /** A /proc/PID/status value in kB (VmHWM peak RSS, VmRSS current). */
    long statusKb(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** Resets VmHWM to the current RSS (clear_refs 5, Linux 4.0+, needs to own the process or root); false if refused. */
    boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/" + pid() + "/clear_refs"), "5");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Replaces the container's etc/io.v2e.broker.cfg with its shipped content plus {@code settings}
     * (applied live by FileInstall) and waits until the broker reports them (RPCGetWorkers) with
     * every worker running the new plan.
     *
     * @param expected the values RPCGetWorkers must report under "config" (also for the defaults)
     */
    void configureBroker(Map<String, String> settings, Map<String, String> expected) throws Exception {
        Path cfg = home.resolve("etc/io.v2e.broker.cfg");
        if (shippedBrokerCfg == null) {
            shippedBrokerCfg = Files.readString(cfg);
        }
        StringBuilder b = new StringBuilder(shippedBrokerCfg).append("\n# set by the socket benchmark\n");
        settings.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(cfg, b.toString());
        if (admin == null) {
            admin = V2eClient.connect(socket());
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            Message m = admin.request("broker", "RPCGetWorkers", "{}", Duration.ofSeconds(5));
            last = String.valueOf(m.payload());
            JsonNode n = Results.JSON.readTree(last);
            boolean ok = n.path("workers").size() > 0;
            for (Map.Entry<String, String> e : expected.entrySet()) {
                ok &= n.path("config").path(e.getKey()).asText().equals(e.getValue());
            }
            for (JsonNode w : n.path("workers")) {
                ok &= w.path("tuning_current").asBoolean();
            }
            if (ok) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the broker did not apply " + expected + " within 20 s; RPCGetWorkers: " + last);
    }

    /** Starts a JFR recording with the JDK's "profile" settings in the container JVM. */
    void startRecording() {
        recording = jfr.newRecording();
        jfr.setPredefinedConfiguration(recording, "profile");
        jfr.startRecording(recording);
    }

    /** Stops the recording and has the container write it to {@code file}. */
    void stopRecording(Path file) throws IOException {
        jfr.stopRecording(recording);
        jfr.copyTo(recording, file.toAbsolutePath().toString());
        jfr.closeRecording(recording);
        recording = -1;
    }

    @Override
    public void close() throws Exception {
        if (admin != null) {
            admin.close();
        }
        try {
            jmx.close();
        } catch (IOException e) {
            // the container goes anyway
        }
        process.close();
    }

    /**
     * Replaces {@code home} with a copy of the distribution {@code dist}, without its run/ and log/
     * (state of whoever ran the original: the copy starts with its own).
     */
    static void freshCopy(Path dist, Path home) throws IOException {
        FileTrees.delete(home);
        copyTree(dist, home);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Path rel = from.relativize(f);
                Path target = to.resolve(rel.toString());
                if (rel.startsWith("run") || rel.startsWith("log")) {
                    continue; // state of whoever ran the original: this copy starts with its own
                }
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(f)) {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * Extra JVM options of a container: with {@code -Dv2e.bench.container.jfr=DIR} each container records
     * a JFR profile to DIR/NAME.jfr (NAME = the copy's directory name), to see where the container's time goes.
     */
    private static String containerJvmOptions(Path home) {
        String dir = System.getProperty("v2e.bench.container.jfr", "");
        return dir.isEmpty() ? "" : "-XX:StartFlightRecording=filename=" + Path.of(dir).resolve(home.getFileName() + ".jfr")
                + ",settings=profile";
    }
}
