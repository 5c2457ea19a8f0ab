package io.v2e.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.v2e.broker.api.Latency;
import io.v2e.broker.api.Message;
import io.v2e.readiness.api.Readiness;

class SnapshotReaderTest {

    /** Where each thread ran last, as /proc would say; 4392 is gone. */
    private static final Map<Integer, Integer> CPU_OF_TID = Map.of(4391, 0, 4400, 5);

    @Test
    void cpuMapPlacesEveryWorkerAndIoLoopOnTheCpuProcReports() {
        Snapshot s = reader(answering(Fixtures.TRANSPORT), 2).take(1000, null);

        assertEquals(List.of(new Snapshot.Placement("v2e-broker-worker-0", "worker", 4391, 0),
                new Snapshot.Placement("v2e-broker-worker-1", "worker", 4392, null),
                new Snapshot.Placement("v2e-transport-io-0", "io", 4400, 5)), s.cpuMap());
        assertNull(s.transportError());
        assertEquals("v2e-transport-io-0", s.transport().path("loops").get(0).path("name").asText());
    }

    @Test
    void cpusCoverTheOnlineOnesAndAnyHigherCpuAThreadRanOn() {
        assertEquals(List.of(0, 1, 2, 3, 4, 5), reader(answering(Fixtures.TRANSPORT), 2).take(1000, null).cpus());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), reader(answering(Fixtures.TRANSPORT), 8).take(1000, null).cpus());
    }

    @Test
    void transportIsAskedOnceForItsThreadsFromTheConsole() {
        FakeBroker broker = broker(answering(Fixtures.TRANSPORT));
        new SnapshotReader(broker, tid -> Optional.empty(), 1).take(1000, null);

        assertEquals(1, broker.requests.size());
        Message m = broker.requests.get(0);
        assertEquals(List.of("console", "transport", "RPCGetTransportThreads", "{}"),
                List.of(m.source(), m.target(), m.id(), m.payload()));
    }

    @Test
    void anErrorFromTheTransportLeavesTheWorkersOnTheMapAndSaysWhy() {
        Snapshot s = reader(r -> CompletableFuture.completedFuture(r.errorReply("broker", "unknown target 'transport'")), 2)
                .take(1000, null);

        assertEquals("unknown target 'transport'", s.transportError());
        assertNull(s.transport());
        assertEquals(List.of("worker", "worker"), s.cpuMap().stream().map(Snapshot.Placement::kind).toList());
    }

    @Test
    void aTransportAnswerThatIsNotAnObjectIsRefused() {
        Snapshot s = reader(answering("[1,2]"), 2).take(1000, null);

        assertEquals("not a JSON object: [1,2]", s.transportError());
        assertNull(s.transport());
    }

    @Test
    void aTransportThatNeverAnswersIsReportedAfterTheTimeout() {
        Snapshot s = reader(r -> new CompletableFuture<>(), 2).take(50, null);

        assertEquals("no answer within 50 ms", s.transportError());
    }

    @Test
    void endpointsAreSortedByNameWithTheirRecentWindow() {
        FakeBroker broker = new FakeBroker(Fixtures.WORKERS, Fixtures.stats("transport", "ssg", "broker"),
                Fixtures.recent("ssg"), answering(Fixtures.TRANSPORT));
        Snapshot s = new SnapshotReader(broker, tid -> Optional.empty(), 1).take(1000, null);

        assertEquals(List.of("broker", "ssg", "transport"), s.endpoints().stream().map(Snapshot.EndpointRow::name).toList());
        Snapshot.EndpointRow ssg = s.endpoints().get(1);
        assertEquals(Fixtures.HANDLER, ssg.handlerLatencyNs());
        assertEquals(Fixtures.QUEUE, ssg.queueLatencyNs());
        assertEquals(Latency.NONE, s.endpoints().get(0).handlerLatencyNs(), "nothing handled in the window");
        assertEquals(5_000, s.windowMs());
    }

    @Test
    void readinessIsCopiedWhenThereIsAService() {
        Readiness waiting = new Readiness() {
            @Override
            public boolean ready() {
                return false;
            }

            @Override
            public List<String> waitingFor() {
                return List.of("endpoint ssg");
            }

            @Override
            public long firstReadyAfterMillis() {
                return -1;
            }
        };
        Snapshot s = reader(answering(Fixtures.TRANSPORT), 1).take(1000, waiting);
        assertEquals(Boolean.FALSE, s.ready());
        assertEquals(List.of("endpoint ssg"), s.waitingFor());

        Snapshot none = reader(answering(Fixtures.TRANSPORT), 1).take(1000, null);
        assertNull(none.ready());
        assertEquals(List.of(), none.waitingFor());
    }

    static java.util.function.Function<Message, CompletableFuture<Message>> answering(String payload) {
        return r -> CompletableFuture.completedFuture(r.response(payload));
    }

    private static FakeBroker broker(java.util.function.Function<Message, CompletableFuture<Message>> transport) {
        return new FakeBroker(Fixtures.WORKERS, Fixtures.stats("broker"), Fixtures.recent("broker"), transport);
    }

    static SnapshotReader reader(java.util.function.Function<Message, CompletableFuture<Message>> transport, int onlineCpus) {
        return new SnapshotReader(broker(transport), tid -> Optional.ofNullable(CPU_OF_TID.get(tid)), onlineCpus);
    }
}
