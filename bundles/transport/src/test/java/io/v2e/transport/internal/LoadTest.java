package io.v2e.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.broker.api.Message;
import io.v2e.broker.api.MessageType;
import io.v2e.client.V2eClient;

/** Many connections at once: every request is answered, to the connection that sent it, with its own payload. */
class LoadTest {

    private static final int CONNECTIONS = 200;
    private static final int REQUESTS = 1000;

    @TempDir
    Path dir;

    @Test
    void twoHundredConnectionsDoingAThousandRequestsEachGetTheirOwnAnswers() throws Exception {
        try (TransportFixture fx = new TransportFixture(dir)) {
            fx.brokerHarness.register("echo", TransportFixture.echo());
            AtomicLong answered = new AtomicLong();
            List<CompletableFuture<Void>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < CONNECTIONS; c++) {
                V2eClient client = fx.client();
                done.add(chain(client, c, 0, answered));
            }
            CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).get(300, TimeUnit.SECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals((long) CONNECTIONS * REQUESTS, answered.get());
            System.out.printf("LoadTest: %d connections x %d requests answered in %d ms (%.0f req/s)%n", CONNECTIONS,
                    REQUESTS, ms, CONNECTIONS * (double) REQUESTS * 1000 / Math.max(1, ms));
        }
    }

    /** Request {@code i} of connection {@code c}, then the next once it is answered and checked. */
    private static CompletableFuture<Void> chain(V2eClient client, int c, int i, AtomicLong answered) {
        if (i == REQUESTS) {
            return CompletableFuture.completedFuture(null);
        }
        String payload = "{\"c\":" + c + ",\"i\":" + i + "}";
        String corr = "c" + c + "-" + i;
        return client.request(Message.request(null, "echo", "Echo", payload, corr)).thenCompose(answer -> {
            // not crossed: this connection's id and payload come back, as a response
            if (answer.type() != MessageType.RESPONSE || !corr.equals(answer.correlationId())
                    || !payload.equals(answer.payload())) {
                throw new AssertionError("connection " + c + " request " + i + " got " + answer);
            }
            answered.incrementAndGet();
            return chain(client, c, i + 1, answered);
        });
    }
}
