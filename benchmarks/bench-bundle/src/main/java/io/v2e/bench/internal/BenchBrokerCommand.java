package io.v2e.bench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.bench.core.HandOff;
import io.v2e.bench.core.OfferedLoad;
import io.v2e.bench.core.RunResult;
import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;

/**
 * Gogo command {@code bench:broker}: the container's own Broker service, measured from inside the
 * container. It sends EVENTs to the whiteboard {@link BenchEndpoint} at a fixed offered rate
 * (latency from each message's intended send time) and flat out, repeats both, and prints
 * percentiles, mean, standard deviation and throughput, plus the worker tuning the broker reports
 * (RPCGetWorkers) and the JVM's compiler and collector. With {@code --eventadmin} it then measures
 * Felix EventAdmin's postEvent in the same container the same way. Runs on the calling shell thread, which
 * is the producer; keeps no state between calls.
 */
@Component(service = BenchBrokerCommand.class, property = {"osgi.command.scope=bench", "osgi.command.function=broker"})
public final class BenchBrokerCommand {

    /** The plain-JVM harness's payload (benchmarks InProcessSection), so both measure the same message. */
    static final String PAYLOAD = "{\"seq\":1,\"value\":\"0123456789abcdef\"}";
    private static final long ENDPOINT_WAIT_MS = 10_000;

    private final Broker broker;
    private final BenchEndpoint endpoint;
    private final ObjectMapper json = new ObjectMapper();

    /** The EventAdmin peer, present only when the container has an EventAdmin service. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HandOff eventAdmin;

    @Activate
    public BenchBrokerCommand(@Reference Broker broker, @Reference BenchEndpoint endpoint) {
        this.broker = broker;
        this.endpoint = endpoint;
    }

    @Descriptor("measure the container's broker: a fixed offered rate (coordinated-omission corrected latency) and"
            + " flat out, to the whiteboard endpoint 'bench'; prints percentiles, mean, stddev, throughput and the"
            + " worker tuning in effect")
    public String broker(
            @Descriptor("offered rate of the fixed-rate runs, messages per second (default 200000)") @Parameter(names = {"-r", "--rate"}, absentValue = "200000") double rate,
            @Descriptor("seconds per measured run (default 1.5)") @Parameter(names = {"-s", "--seconds"}, absentValue = "1.5") double seconds,
            @Descriptor("seconds of unrecorded flat-out warm-up (default 0.5)") @Parameter(names = {"-w", "--warmup"}, absentValue = "0.5") double warmup,
            @Descriptor("fixed-rate + flat-out pairs to run (default 5)") @Parameter(names = {"-n", "--repeats"}, absentValue = "5") int repeats,
            @Descriptor("seconds a run may take after its last send before the rest counts as saturation (default 3)")
            @Parameter(names = {"-d", "--drain"}, absentValue = "3") double drain,
            @Descriptor("also write the results as JSON to this file (with each run's histogram)") @Parameter(names = {"-j", "--json"}, absentValue = "") String jsonFile,
            @Descriptor("then measure Felix EventAdmin postEvent the same way (needs an EventAdmin bundle in the container)")
            @Parameter(names = {"-e", "--eventadmin"}, presentValue = "true", absentValue = "false") boolean withEventAdmin)
            throws Exception {
        BenchSettings settings = BenchSettings.of(rate, seconds, warmup, repeats, drain);
        HandOff peer = eventAdmin;
        if (withEventAdmin && peer == null) {
            throw new IllegalStateException("--eventadmin: this container has no EventAdmin service"
                    + " (drop org.apache.felix.eventadmin-*.jar into bundle/)");
        }
        awaitEndpoint();
        List<RunResult> runs = new ArrayList<>();
        measure(new BrokerHandOff(broker, endpoint, PAYLOAD), settings, runs);
        if (withEventAdmin) {
            measure(peer, settings, runs);
        }
        // Read after the runs: by then every worker has applied the broker's tuning plan.
        JsonNode workers = rpc("RPCGetWorkers");
        BenchOutcome outcome = new BenchOutcome(settings, runs, workers, JvmFacts.current());
        if (!jsonFile.isEmpty()) {
            writeJson(outcome, Path.of(jsonFile));
        }
        return outcome.text();
    }

    private static void measure(HandOff system, BenchSettings settings, List<RunResult> runs) throws InterruptedException {
        OfferedLoad.max(system, settings.warmup(), 5);     // JIT warm-up, not recorded
        for (int i = 0; i < settings.repeats(); i++) {
            runs.add(OfferedLoad.fixedRate(system, settings.rate(), settings.seconds(), settings.drain()));
            runs.add(OfferedLoad.max(system, settings.seconds(), 3 * settings.drain()));
        }
    }

    private void writeJson(BenchOutcome outcome, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), outcome.json(json));
    }

    /** Waits until the broker routes to the bench endpoint (DS may bind it a moment after boot). */
    private void awaitEndpoint() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ENDPOINT_WAIT_MS);
        Message last = null;
        while (System.nanoTime() < deadline) {
            last = answer(Message.request("bench-command", BenchEndpoint.NAME, "ping", null, null), 1000);
            if (last.type() == MessageType.RESPONSE) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the broker did not route to endpoint '" + BenchEndpoint.NAME + "' within "
                + ENDPOINT_WAIT_MS + " ms; last answer: " + last);
    }

    private JsonNode rpc(String method) throws InterruptedException, IOException {
        Message m = answer(Message.request("bench-command", Broker.BROKER_TARGET, method, null, null), 5000);
        if (m.type() != MessageType.RESPONSE) {
            throw new IllegalStateException("broker " + method + " answered " + m);
        }
        return json.readTree(m.payload());
    }

    private Message answer(Message request, long timeoutMs) throws InterruptedException {
        try {
            // The broker completes the future itself with an ERROR on timeout; the extra second only guards a bug.
            return broker.request(request, timeoutMs).get(timeoutMs + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(String.format(Locale.ROOT, "no answer to %s from %s: %s", request.id(),
                    request.target(), e), e);
        }
    }
}
