package io.v2e.process.internal;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.v2e.broker.api.Message;
import io.v2e.broker.embedded.EmbeddedBroker;
import io.v2e.tuning.api.TuningProvider;

/**
 * A real broker (embedded, no OSGi), a Supervisor registering endpoints with it, and the python3
 * test service. One test thread; close it when done (every child is stopped).
 */
final class Fixture implements AutoCloseable {

    static final Path SERVICE = Path.of("target/test-classes/v2e-test-service.py").toAbsolutePath();

    final EmbeddedBroker broker = EmbeddedBroker.start(Map.of("workers", 2), null, "pt-");
    final Supervisor supervisor;

    Fixture(TuningProvider provider) {
        supervisor = new Supervisor(broker, provider, (name, endpoint) -> broker.register(name, endpoint)::close,
                Launcher.findSetpriv());
    }

    /** Properties of a test service: python3 SERVICE plus {@code args}, fast backoff. */
    static Map<String, Object> service(String args) {
        Map<String, Object> p = new HashMap<>();
        p.put("command", "python3");
        p.put("args", SERVICE + (args.isEmpty() ? "" : " " + args));
        p.put("backoff_initial_ms", "50");
        p.put("backoff_max_ms", "200");
        p.put("stop_timeout_ms", "2000");
        return p;
    }

    Message request(String target, String method, String payload) throws Exception {
        return broker.request(Message.request("test", target, method, payload, null), 20_000).get(25, TimeUnit.SECONDS);
    }

    /** Waits until NAME's process runs and answers (its endpoint is registered). */
    int awaitRunning(String name) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Service s = supervisor.service(name);
            return s != null && s.runningChild() != null && broker.endpointKind(name) != io.v2e.broker.api.EndpointKind.ABSENT;
        });
        return supervisor.service(name).runningChild().pid();
    }

    static boolean processExists(int pid) {
        return Files.exists(Path.of("/proc/" + pid));
    }

    @Override
    public void close() {
        supervisor.stopAll();
        broker.close();
    }
}
