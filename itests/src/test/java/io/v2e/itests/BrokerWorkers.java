package io.v2e.itests;

import static org.awaitility.Awaitility.await;

import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Message;

/** The broker's RPCGetWorkers from inside the container, and waiting for the workers to follow a provider. */
final class BrokerWorkers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BrokerWorkers() {
    }

    static JsonNode read(Broker broker) {
        try {
            Message m = broker.request(Message.request("it", Broker.BROKER_TARGET, "RPCGetWorkers", "{}", "c-workers"),
                    10_000).get(15, TimeUnit.SECONDS);
            return JSON.readTree(m.payload());
        } catch (Exception e) {
            throw new IllegalStateException("RPCGetWorkers failed", e);
        }
    }

    /**
     * RPCGetWorkers once every worker applied the given provider (and a real one pinned it:
     * affinity APPLIED and /proc shows one CPU); fails after 60 s.
     */
    static JsonNode awaitTunedBy(Broker broker, String provider) {
        return await("workers tuned by " + provider).atMost(V2e.PATIENCE)
                .until(() -> read(broker), w -> tunedBy(w, provider));
    }

    private static boolean tunedBy(JsonNode w, String provider) {
        if (!provider.equals(w.path("provider").asText()) || w.path("workers").size() == 0) {
            return false;
        }
        for (JsonNode worker : w.path("workers")) {
            if (!worker.path("tuning_current").asBoolean() || !provider.equals(worker.path("provider").asText())) {
                return false;
            }
            if (!provider.equals("noop") && (!"APPLIED".equals(worker.path("outcomes").path("affinity").asText())
                    || !worker.path("proc").path("cpus_allowed_list").asText().matches("\\d+"))) {
                return false;
            }
        }
        return true;
    }
}
