package io.v2e.nats.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.v2e.tuning.jnr.internal.JnrTuningProvider;
import io.v2e.tuning.testkit.KernelReader;

/** Child JVM of {@link BridgeThreadsTest}: a bridge thread asks for nice -5 and prints its outcome, tid and nice. */
public final class DeniedNiceProbe {

    public static void main(String[] args) throws Exception {
        BridgeThreads threads = new BridgeThreads("v2e-nats-p-");
        threads.bind(new JnrTuningProvider(), BridgeTest.settings("p", "nats://127.0.0.1:4222", Map.of("thread_nice", "-5")));
        ExecutorService ex = threads.executor();
        CompletableFuture<String> ran = new CompletableFuture<>();
        ex.execute(() -> {
            int tid = KernelReader.currentTid();
            BridgeThreads.ThreadReport r = threads.reports().stream().filter(t -> t.tid() == tid).findFirst().orElseThrow();
            ran.complete("nice=" + r.nice() + "\nkernelNice=" + KernelReader.threadNice(tid) + "\nran=true");
        });
        System.out.println(ran.get(30, TimeUnit.SECONDS));
        ex.shutdownNow();
    }
}
