package io.v2e.tuning.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.ref.Reference;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.v2e.tuning.api.Capabilities;
import io.v2e.tuning.api.Capability;
import io.v2e.tuning.api.CpuSet;
import io.v2e.tuning.api.IoPriority;
import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Operation;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.PageCacheAdvice;
import io.v2e.tuning.api.Reading;
import io.v2e.tuning.api.SchedulingPolicy;
import io.v2e.tuning.api.ThreadScheduling;
import io.v2e.tuning.api.TuningProvider;

/**
 * The behaviour every {@link TuningProvider} must show, checked against the kernel through
 * {@link KernelReader} (never through the provider itself). A provider test extends this class and
 * supplies the provider and, when the provider does not perform every operation (noop), its
 * {@link ContractExpectations}.
 * <p>
 * Each thread test runs on a {@link FreshThread} so the test JVM's own threads are never left
 * pinned or re-prioritised. Linux only: the suite reads /proc and runs util-linux's
 * {@code ionice} and {@code fincore}.
 */
public abstract class TuningProviderContract {

    /** Size of the files mapped or cached by the memory and page-cache tests. */
    protected static final int FILE_BYTES = 8 << 20;

    @TempDir(factory = BuildDirTempDirFactory.class)
    protected Path tempDir;

    /** The provider under test, activated (capabilities probed). */
    protected abstract TuningProvider provider();

    /** What the provider is expected to perform here; by default every operation. */
    protected ContractExpectations expectations() {
        return ContractExpectations.everyOperationWorks();
    }

    private boolean works(Operation operation) {
        return expectations().works(operation);
    }

    private boolean permitted(Operation operation) {
        return provider().capabilities().permitted(operation);
    }

    // ---------------------------------------------------------------- CPU affinity

    @Test
    void pinThreadChangesCpusAllowedList() throws Throwable {
        CpuSet allowed = KernelReader.threadAllowedCpus();
        assumeTrue(allowed.size() >= 2, "needs two allowed CPUs to see a change, has " + allowed);
        CpuSet target = CpuSet.of(allowed.last());
        FreshThread.run(() -> {
            CpuSet before = KernelReader.threadAllowedCpus();
            Outcome outcome = provider().pinThread(target);
            if (works(Operation.CPU_AFFINITY)) {
                assertEquals(Outcome.applied(), outcome);
                assertEquals(target, KernelReader.threadAllowedCpus());
                assertEquals(target, provider().threadAffinity().get());
            } else {
                assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
                assertEquals(before, KernelReader.threadAllowedCpus());
                assertFalse(provider().threadAffinity().isPresent());
            }
        });
    }

    @Test
    void restoreThreadBringsBackCpusAllowedList() throws Throwable {
        CpuSet allowed = KernelReader.threadAllowedCpus();
        assumeTrue(allowed.size() >= 2, "needs two allowed CPUs to see a change, has " + allowed);
        FreshThread.run(() -> {
            CpuSet before = KernelReader.threadAllowedCpus();
            provider().pinThread(CpuSet.of(allowed.first()));
            assertEquals(Outcome.applied(), provider().restoreThread());
            assertEquals(before, KernelReader.threadAllowedCpus());
        });
    }

    @Test
    void currentCpuIsInsideThePinnedSet() throws Throwable {
        CpuSet allowed = KernelReader.threadAllowedCpus();
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            for (int cpu : allowed.toArray()) {
                Outcome pinned = provider().pinThread(CpuSet.of(cpu));
                Reading<Integer> current = provider().currentCpu();
                if (works(Operation.CPU_AFFINITY)) {
                    assertEquals(Outcome.applied(), pinned);
                    assertEquals(cpu, current.get(), "sched_getcpu after pinning to " + cpu);
                    assertEquals(cpu, KernelReader.threadProcessor(tid), "/proc stat processor after pinning to " + cpu);
                } else {
                    assertEquals(Outcome.Status.UNSUPPORTED, pinned.status());
                    assertFalse(current.isPresent());
                }
            }
        });
    }

    @Test
    void allowedCpusEqualsTheProcessAffinity() {
        CpuSet reported = provider().allowedCpus();
        if (works(Operation.CPU_AFFINITY)) {
            assertEquals(KernelReader.processAllowedCpus(), reported);
        } else {
            // Without the kernel to ask, a provider may only fall back to the processor count.
            assertEquals(CpuSet.range(0, Runtime.getRuntime().availableProcessors() - 1), reported);
        }
    }

    @Test
    void threadIdIsTheKernelThreadId() throws Throwable {
        FreshThread.run(() -> {
            Reading<Integer> tid = provider().threadId();
            if (works(Operation.CPU_AFFINITY) || works(Operation.THREAD_NICE)) {
                assertEquals(KernelReader.currentTid(), tid.get());
            } else {
                assertEquals(Outcome.Status.UNSUPPORTED, tid.outcome().status());
            }
        });
    }

    @Test
    void pinToCpusOutsideTheAllowedSetIsDeniedWithEinval() throws Throwable {
        CpuSet allowed = KernelReader.processAllowedCpus();
        assumeTrue(!allowed.contains(CpuSet.MAX_CPUS - 1), "every CPU up to 1023 is allowed here");
        CpuSet outside = CpuSet.of(CpuSet.MAX_CPUS - 1);
        FreshThread.run(() -> {
            CpuSet before = KernelReader.threadAllowedCpus();
            Outcome outcome = provider().pinThread(outside);
            if (works(Operation.CPU_AFFINITY)) {
                assertEquals(Outcome.Status.DENIED, outcome.status(), outcome::toString);
                assertEquals("EINVAL", outcome.errno());
            } else {
                assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
            }
            assertEquals(before, KernelReader.threadAllowedCpus());
        });
    }

    @Test
    void emptyCpuSetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider().pinThread(CpuSet.empty()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    // ---------------------------------------------------------------- nice

    @Test
    void setThreadNiceChangesTheStatNiceField() throws Throwable {
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            int before = KernelReader.threadNice(tid);
            Outcome outcome = provider().setThreadNice(-10);
            if (!works(Operation.THREAD_NICE)) {
                assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
                assertEquals(before, KernelReader.threadNice(tid));
            } else if (permitted(Operation.THREAD_NICE)) {
                assertEquals(Outcome.applied(), outcome);
                assertEquals(-10, KernelReader.threadNice(tid));
                assertEquals(-10, provider().threadNice().get());
            } else {
                // Linux answers EACCES when an unprivileged caller lowers a nice value.
                assertEquals(Outcome.Status.DENIED, outcome.status());
                assertEquals("EACCES", outcome.errno());
                assertEquals(before, KernelReader.threadNice(tid));
            }
        });
    }

    @Test
    void threadNiceReadsMinusOneAsAValueNotAnError() throws Throwable {
        assumeTrue(!works(Operation.THREAD_NICE) || permitted(Operation.THREAD_NICE), "nice -1 needs CAP_SYS_NICE");
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            Outcome outcome = provider().setThreadNice(-1);
            Reading<Integer> nice = provider().threadNice();
            if (works(Operation.THREAD_NICE)) {
                assertEquals(Outcome.applied(), outcome);
                assertEquals(-1, KernelReader.threadNice(tid));
                // getpriority returns -1 here and only errno tells it is not a failure.
                assertEquals(-1, nice.get(), nice::toString);
            } else {
                assertEquals(Outcome.Status.UNSUPPORTED, nice.outcome().status());
            }
        });
    }

    @Test
    void restoreThreadBringsBackTheNiceValue() throws Throwable {
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            int before = KernelReader.threadNice(tid);
            int raised = before + 5 > 19 ? before - 1 : before + 5;
            provider().setThreadNice(raised);
            Outcome restored = provider().restoreThread();
            if (!works(Operation.THREAD_NICE) || permitted(Operation.THREAD_NICE) || raised < before) {
                assertEquals(Outcome.applied(), restored);
                assertEquals(before, KernelReader.threadNice(tid));
            } else {
                // Going back down from a raised nice value needs the privilege this process lacks.
                assertEquals(Outcome.Status.DENIED, restored.status(), restored::toString);
                assertEquals("EACCES", restored.errno());
                assertEquals(raised, KernelReader.threadNice(tid));
            }
        });
    }

    @Test
    void setThreadNiceLeavesOtherThreadsAlone() throws Throwable {
        int callerTid = KernelReader.currentTid();
        int callerNice = KernelReader.threadNice(callerTid);
        FreshThread.run(() -> {
            int target = callerNice == 7 ? 8 : 7;
            Outcome outcome = provider().setThreadNice(target);
            int tid = KernelReader.currentTid();
            if (works(Operation.THREAD_NICE)) {
                assertEquals(Outcome.applied(), outcome);
                assertEquals(target, KernelReader.threadNice(tid));
            }
            assertEquals(callerNice, KernelReader.threadNice(callerTid), "the spawning thread's nice");
        });
    }

    @Test
    void niceOutsideTheKernelRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> provider().setThreadNice(-21));
        assertThrows(IllegalArgumentException.class, () -> provider().setThreadNice(20));
    }

    // ---------------------------------------------------------------- I/O priority

    @Test
    void setThreadIoPriorityRealtimeReadsBackThroughIonice() throws Throwable {
        IoPriority realtime = new IoPriority(IoPriority.IoClass.REALTIME, 0);
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            IoPriority before = KernelReader.ioPriority(tid);
            Outcome outcome = provider().setThreadIoPriority(realtime);
            if (!works(Operation.IO_PRIORITY)) {
                assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
                assertEquals(before, KernelReader.ioPriority(tid));
            } else if (permitted(Operation.IO_PRIORITY)) {
                assertEquals(Outcome.applied(), outcome);
                assertEquals(realtime, KernelReader.ioPriority(tid));
                assertEquals(realtime, provider().threadIoPriority().get());
            } else {
                assertEquals(Outcome.Status.DENIED, outcome.status());
                assertEquals("EPERM", outcome.errno());
                assertEquals(before, KernelReader.ioPriority(tid));
            }
        });
    }

    @Test
    void restoreThreadBringsBackTheIoPriority() throws Throwable {
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            IoPriority before = KernelReader.ioPriority(tid);
            IoPriority lower = new IoPriority(IoPriority.IoClass.BEST_EFFORT, 7);
            Outcome outcome = provider().setThreadIoPriority(lower);
            if (works(Operation.IO_PRIORITY)) {
                assertEquals(Outcome.applied(), outcome);
                assertEquals(lower, KernelReader.ioPriority(tid));
            }
            assertEquals(Outcome.applied(), provider().restoreThread());
            assertEquals(before, KernelReader.ioPriority(tid));
        });
    }

    // ---------------------------------------------------------------- scheduling policy

    @Test
    void setThreadSchedulingFifoShowsInTheStatPolicyAndRtPriority() throws Throwable {
        ThreadScheduling fifo10 = new ThreadScheduling(SchedulingPolicy.FIFO, 10);
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            int policyBefore = KernelReader.threadSchedPolicy(tid);
            Outcome outcome = provider().setThreadScheduling(fifo10);
            int policy = KernelReader.threadSchedPolicy(tid);
            int rtPriority = KernelReader.threadRtPriority(tid);
            provider().restoreThread(); // before any assertion: this thread must not stay real-time
            if (!works(Operation.THREAD_SCHEDULING)) {
                assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
                assertEquals(policyBefore, policy);
                assertFalse(provider().threadScheduling().isPresent());
            } else if (permitted(Operation.THREAD_SCHEDULING)) {
                assertEquals(Outcome.applied(), outcome);
                assertEquals(1, policy, "stat policy (1 = SCHED_FIFO)");
                assertEquals(10, rtPriority, "stat rt_priority");
            } else {
                // sched_setscheduler(2): a real-time policy without CAP_SYS_NICE or RLIMIT_RTPRIO is EPERM.
                assertEquals(Outcome.Status.DENIED, outcome.status(), outcome::toString);
                assertEquals("EPERM", outcome.errno());
                assertEquals(policyBefore, policy);
            }
        });
    }

    @Test
    void threadSchedulingReadsWhatTheKernelHas() throws Throwable {
        assumeTrue(works(Operation.THREAD_SCHEDULING) && permitted(Operation.THREAD_SCHEDULING),
                "a real-time policy needs CAP_SYS_NICE or RLIMIT_RTPRIO");
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            // Set by util-linux chrt, not by the provider.
            KernelReader.run("chrt", "-r", "-p", "7", Integer.toString(tid));
            Reading<ThreadScheduling> read = provider().threadScheduling();
            KernelReader.run("chrt", "-o", "-p", "0", Integer.toString(tid));
            assertEquals(new ThreadScheduling(SchedulingPolicy.RR, 7), read.get());
            assertEquals(ThreadScheduling.OTHER, provider().threadScheduling().get());
        });
    }

    @Test
    void restoreThreadBringsBackSchedOther() throws Throwable {
        // RR 5 where real-time is permitted; BATCH, which any thread may set, elsewhere.
        ThreadScheduling changed = permitted(Operation.THREAD_SCHEDULING)
                ? new ThreadScheduling(SchedulingPolicy.RR, 5) : new ThreadScheduling(SchedulingPolicy.BATCH, 0);
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            assertEquals(0, KernelReader.threadSchedPolicy(tid), "a new thread starts SCHED_OTHER");
            Outcome outcome = provider().setThreadScheduling(changed);
            int policy = KernelReader.threadSchedPolicy(tid);
            Outcome restored = provider().restoreThread();
            if (works(Operation.THREAD_SCHEDULING)) {
                assertEquals(Outcome.applied(), outcome);
                assertEquals(changed.policy().linuxValue(), policy, "stat policy after " + changed);
            } else {
                assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
                assertEquals(0, policy);
            }
            assertEquals(Outcome.applied(), restored);
            assertEquals(0, KernelReader.threadSchedPolicy(tid), "stat policy after restore");
            assertEquals(0, KernelReader.threadRtPriority(tid), "stat rt_priority after restore");
        });
    }

    @Test
    void threadsStartedByARealTimeThreadStartAsSchedOther() throws Throwable {
        assumeTrue(works(Operation.THREAD_SCHEDULING) && permitted(Operation.THREAD_SCHEDULING),
                "a real-time policy needs CAP_SYS_NICE or RLIMIT_RTPRIO");
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            Outcome outcome = provider().setThreadScheduling(new ThreadScheduling(SchedulingPolicy.FIFO, 10));
            int[] child = new int[2];
            Thread t = new Thread(() -> {
                int childTid = KernelReader.currentTid();
                child[0] = KernelReader.threadSchedPolicy(childTid);
                child[1] = KernelReader.threadRtPriority(childTid);
            }, "started-by-fifo-thread");
            t.start();
            t.join();
            int policy = KernelReader.threadSchedPolicy(tid);
            provider().restoreThread();
            assertEquals(Outcome.applied(), outcome);
            assertEquals(1, policy, "the caller is SCHED_FIFO");
            // SCHED_RESET_ON_FORK: the child does not inherit the real-time policy.
            assertEquals(0, child[0], "policy of a thread the FIFO thread started");
            assertEquals(0, child[1], "rt_priority of a thread the FIFO thread started");
        });
    }

    @Test
    void nullSchedulingIsRejected() {
        assertThrows(NullPointerException.class, () -> provider().setThreadScheduling(null));
    }

    @Test
    void restoreWithoutChangesIsAppliedAndChangesNothing() throws Throwable {
        FreshThread.run(() -> {
            int tid = KernelReader.currentTid();
            CpuSet affinity = KernelReader.threadAllowedCpus();
            int nice = KernelReader.threadNice(tid);
            IoPriority io = KernelReader.ioPriority(tid);
            int policy = KernelReader.threadSchedPolicy(tid);
            assertEquals(Outcome.applied(), provider().restoreThread());
            assertEquals(affinity, KernelReader.threadAllowedCpus());
            assertEquals(nice, KernelReader.threadNice(tid));
            assertEquals(io, KernelReader.ioPriority(tid));
            assertEquals(policy, KernelReader.threadSchedPolicy(tid));
        });
    }

    // ---------------------------------------------------------------- memory advice

    @Test
    void madviseDontneedDropsTheMappingsRss() throws IOException {
        Path file = writeFile("mapped.bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, FILE_BYTES);
            touchEveryPage(map);
            long before = KernelReader.mappingRssKb(file);
            Outcome outcome = provider().adviseMemory(map, 0, FILE_BYTES, MemoryAdvice.DONTNEED);
            long after = KernelReader.mappingRssKb(file);
            System.out.printf("[%s] madvise DONTNEED on %d MiB mapping: smaps Rss %d kB -> %d kB (%s)%n",
                    provider().name(), FILE_BYTES >> 20, before, after, outcome);
            assertTrue(before >= FILE_BYTES / 1024 * 9 / 10, "Rss after touching every page: " + before + " kB");
            if (works(Operation.MEMORY_ADVICE)) {
                assertEquals(Outcome.applied(), outcome);
                assertTrue(after <= 64, "Rss after DONTNEED: " + after + " kB (before " + before + " kB)");
            } else {
                assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
                assertEquals(before, after);
            }
            Reference.reachabilityFence(map);
        }
    }

    @Test
    void madviseWidensAnUnalignedRegionToWholePages() throws IOException {
        int page = KernelReader.pageSize();
        Path file = writeFile("unaligned.bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, FILE_BYTES);
            touchEveryPage(map);
            long before = KernelReader.mappingRssKb(file);
            // From the middle of page 1 to the middle of page 2: pages 1 and 2 are touched.
            Outcome outcome = provider().adviseMemory(map, page + page / 2, page, MemoryAdvice.DONTNEED);
            long after = KernelReader.mappingRssKb(file);
            if (works(Operation.MEMORY_ADVICE)) {
                assertEquals(Outcome.applied(), outcome);
                assertEquals(2L * page / 1024, before - after, "kB dropped (before " + before + ", after " + after + ")");
            } else {
                assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
                assertEquals(before, after);
            }
            Reference.reachabilityFence(map);
        }
    }

    @Test
    void madviseDontneedOnAnonymousMemoryNeverDiscardsBytesOutsideTheRegion() {
        int page = KernelReader.pageSize();
        ByteBuffer whole = ByteBuffer.allocateDirect(10 * page);
        for (int i = 0; i < whole.capacity(); i++) {
            whole.put(i, (byte) 1);
        }
        // A buffer that starts mid-page, and a region in it that starts and ends mid-page: the
        // edge pages hold bytes outside the region that DONTNEED would zero (malloc'd memory).
        int sliceStart = page + page / 2;
        ByteBuffer slice = whole.slice(sliceStart, 7 * page);
        int offset = page / 3;
        int length = 5 * page;
        slice.position(page + 11).limit(6 * page); // the region ignores position and limit
        Outcome outcome = provider().adviseMemory(slice, offset, length, MemoryAdvice.DONTNEED);
        int regionStart = sliceStart + offset;
        int zeroedInside = 0;
        for (int i = 0; i < whole.capacity(); i++) {
            boolean inside = i >= regionStart && i < regionStart + length;
            if (!inside) {
                assertEquals(1, whole.get(i), "byte " + i + " outside the advised region");
            } else if (whole.get(i) == 0) {
                zeroedInside++;
            }
        }
        if (works(Operation.MEMORY_ADVICE)) {
            // DONTNEED on anonymous memory reads back as zeroes: the whole pages inside went.
            assertEquals(Outcome.applied(), outcome);
            assertTrue(zeroedInside >= 4 * page && zeroedInside % page == 0,
                    "zeroed bytes inside the region: " + zeroedInside);
        } else {
            assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
            assertEquals(0, zeroedInside);
        }
        Reference.reachabilityFence(whole);
    }

    @Test
    void everyMemoryAdviceIsAcceptedOnADirectBuffer() {
        ByteBuffer direct = ByteBuffer.allocateDirect(64 * 1024);
        for (MemoryAdvice advice : MemoryAdvice.values()) {
            if (advice == MemoryAdvice.DONTNEED) {
                continue; // zeroes anonymous memory: only for file mappings in this suite
            }
            Outcome outcome = provider().adviseMemory(direct, 0, direct.capacity(), advice);
            if (works(Operation.MEMORY_ADVICE)) {
                assertEquals(Outcome.applied(), outcome, advice.name());
            } else {
                assertEquals(Outcome.Status.UNSUPPORTED, outcome.status(), advice.name());
            }
        }
    }

    @Test
    void heapBufferIsRejected() {
        ByteBuffer heap = ByteBuffer.allocate(8192);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider().adviseMemory(heap, 0, 8192, MemoryAdvice.WILLNEED));
        assertTrue(e.getMessage().contains("heap"), e.getMessage());
    }

    @Test
    void regionOutsideTheBufferIsRejected() {
        ByteBuffer direct = ByteBuffer.allocateDirect(8192);
        assertThrows(IllegalArgumentException.class,
                () -> provider().adviseMemory(direct, 4096, 8192, MemoryAdvice.WILLNEED));
        assertThrows(IllegalArgumentException.class,
                () -> provider().adviseMemory(direct, -1, 10, MemoryAdvice.WILLNEED));
    }

    // ---------------------------------------------------------------- page-cache advice

    @Test
    void fadviseDontneedEvictsTheFileFromThePageCache() throws IOException {
        Path file = writeFile("cached.bin");
        long before = KernelReader.pageCacheBytes(file);
        Outcome outcome = provider().advisePageCache(file, 0, 0, PageCacheAdvice.DONTNEED);
        long after = KernelReader.pageCacheBytes(file);
        System.out.printf("[%s] fadvise DONTNEED on %d MiB file: fincore %d bytes -> %d bytes (%s)%n",
                provider().name(), FILE_BYTES >> 20, before, after, outcome);
        assertTrue(before >= FILE_BYTES * 9L / 10, "resident after write+fsync: " + before);
        if (works(Operation.PAGE_CACHE_ADVICE)) {
            assertEquals(Outcome.applied(), outcome);
            assertTrue(after <= 64 * 1024, "resident after DONTNEED: " + after + " (before " + before + ")");
        } else {
            assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
            assertEquals(before, after);
        }
    }

    @Test
    void fadviseDontneedOfTheFirstHalfKeepsTheSecondHalfCached() throws IOException {
        Path file = writeFile("half.bin");
        Outcome outcome = provider().advisePageCache(file, 0, FILE_BYTES / 2, PageCacheAdvice.DONTNEED);
        long after = KernelReader.pageCacheBytes(file);
        if (works(Operation.PAGE_CACHE_ADVICE)) {
            assertEquals(Outcome.applied(), outcome);
            assertTrue(after >= FILE_BYTES / 2 * 9L / 10 && after <= FILE_BYTES / 2 + 64 * 1024,
                    "resident after DONTNEED of the first half: " + after);
        } else {
            assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
            assertTrue(after >= FILE_BYTES * 9L / 10, "resident: " + after);
        }
    }

    @Test
    void fadviseWillneedReadsAnEvictedFileIntoThePageCache() throws Exception {
        Path file = writeFile("willneed.bin");
        KernelReader.evictFromPageCache(file);
        long before = KernelReader.pageCacheBytes(file);
        assertTrue(before <= 64 * 1024, "resident after eviction by dd: " + before);
        Outcome outcome = provider().advisePageCache(file, 0, 0, PageCacheAdvice.WILLNEED);
        // WILLNEED starts readahead and returns: wait (bounded) for the pages to arrive.
        long after = KernelReader.pageCacheBytes(file);
        for (long deadline = System.nanoTime() + 5_000_000_000L;
                after < FILE_BYTES * 9L / 10 && System.nanoTime() < deadline; after = KernelReader.pageCacheBytes(file)) {
            Thread.sleep(20);
        }
        System.out.printf("[%s] fadvise WILLNEED on %d MiB evicted file: fincore %d bytes -> %d bytes (%s)%n",
                provider().name(), FILE_BYTES >> 20, before, after, outcome);
        if (works(Operation.PAGE_CACHE_ADVICE)) {
            assertEquals(Outcome.applied(), outcome);
            assertTrue(after >= FILE_BYTES * 9L / 10, "resident after WILLNEED: " + after);
        } else {
            assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
            assertTrue(after <= 64 * 1024, "resident without advice: " + after);
        }
    }

    @Test
    void fadviseOfAMissingFileIsDeniedWithEnoent() {
        Path missing = tempDir.resolve("no-such-file.bin");
        Outcome outcome = provider().advisePageCache(missing, 0, 0, PageCacheAdvice.DONTNEED);
        if (works(Operation.PAGE_CACHE_ADVICE)) {
            assertEquals(Outcome.Status.DENIED, outcome.status(), outcome::toString);
            assertEquals("ENOENT", outcome.errno());
            assertTrue(outcome.detail().contains(missing.toString()), outcome.detail());
        } else {
            assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
        }
    }

    @Test
    void fadviseOfAFifoIsDeniedWithEspipeWithoutWaitingForAWriter() {
        Path fifo = tempDir.resolve("fifo");
        KernelReader.run("mkfifo", fifo.toString());
        // A plain open(O_RDONLY) of a FIFO would block until a writer comes; the provider must not.
        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> provider().advisePageCache(fifo, 0, 0, PageCacheAdvice.DONTNEED));
        if (works(Operation.PAGE_CACHE_ADVICE)) {
            assertEquals(Outcome.Status.DENIED, outcome.status(), outcome::toString);
            assertEquals("ESPIPE", outcome.errno());
        } else {
            assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
        }
    }

    @Test
    void fadviseOfARelativePathAdvisesTheFileItNamesFromTheWorkingDirectory() throws IOException {
        Path file = writeFile("relative.bin");
        Path relative = Path.of("").toAbsolutePath().relativize(file.toAbsolutePath());
        assertFalse(relative.isAbsolute());
        Outcome outcome = provider().advisePageCache(relative, 0, 0, PageCacheAdvice.DONTNEED);
        long after = KernelReader.pageCacheBytes(file);
        if (works(Operation.PAGE_CACHE_ADVICE)) {
            assertEquals(Outcome.applied(), outcome);
            assertTrue(after <= 64 * 1024, "resident after DONTNEED through " + relative + ": " + after);
        } else {
            assertEquals(Outcome.Status.UNSUPPORTED, outcome.status());
        }
    }

    @Test
    void negativePageCacheRangeIsRejected() throws IOException {
        Path file = writeFile("range.bin");
        assertThrows(IllegalArgumentException.class,
                () -> provider().advisePageCache(file, -1, 0, PageCacheAdvice.WILLNEED));
        assertThrows(IllegalArgumentException.class,
                () -> provider().advisePageCache(file, 0, -1, PageCacheAdvice.WILLNEED));
    }

    @Test
    void pathOfAnotherFileSystemIsRejected() {
        // The JDK's own jrt: file system: a path the kernel cannot open.
        Path inImage = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules/java.base");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider().advisePageCache(inImage, 0, 0, PageCacheAdvice.WILLNEED));
        assertTrue(e.getMessage().contains("default file system"), e.getMessage());
    }

    // ---------------------------------------------------------------- capabilities

    @Test
    void capabilityReportMatchesReality() {
        Capabilities caps = provider().capabilities();
        System.out.printf("[%s] capabilities %s, callCostNanos %d%n", provider().name(), caps.byOperation().values(),
                caps.callCostNanos());
        for (Operation op : Operation.values()) {
            Capability c = caps.of(op);
            assertEquals(works(op), c.supported(), op + " supported: " + c);
            boolean reallyPermitted;
            switch (op) {
                case THREAD_NICE:
                    reallyPermitted = KernelReader.mayRaiseNiceToMinus20();
                    break;
                case IO_PRIORITY:
                    reallyPermitted = KernelReader.mayUseRealtimeIoClass();
                    break;
                case THREAD_SCHEDULING:
                    reallyPermitted = KernelReader.mayUseRealtimeScheduling();
                    break;
                default:
                    reallyPermitted = true;
            }
            assertEquals(works(op) && reallyPermitted, c.permitted(), op + " permitted: " + c);
        }
        if (works(Operation.THREAD_NICE)) {
            assertTrue(caps.callCostNanos() > 0, "callCostNanos measured: " + caps.callCostNanos());
        }
    }

    // ---------------------------------------------------------------- processes (pid-targeted, tuning-api 2.1)

    @Test
    void processTuningReachesEveryThreadOfTheChild() {
        try (ThreadedChild child = ThreadedChild.start()) {
            int pid = child.pid();
            CpuSet last = CpuSet.of(provider().allowedCpus().last());
            IoPriority io = new IoPriority(IoPriority.IoClass.BEST_EFFORT, 6);
            List<Outcome> outcomes = List.of(provider().pinProcess(pid, last), provider().setProcessNice(pid, 5),
                    provider().setProcessIoPriority(pid, io),
                    provider().setProcessScheduling(pid, new ThreadScheduling(SchedulingPolicy.BATCH, 0)));
            List<Integer> tids = child.tids();
            assertEquals(4, tids.size(), "python3 main thread + 3 waiting threads: " + tids);
            for (int tid : tids) {
                if (expectations().processOperationsWork()) {
                    assertEquals(last, KernelReader.taskAllowedCpus(pid, tid), "thread " + tid);
                    assertEquals(5, KernelReader.taskStatField(pid, tid, 19), "nice of thread " + tid);
                    assertEquals(io, KernelReader.ioPriority(tid), "I/O priority of thread " + tid);
                    assertEquals(3, KernelReader.taskStatField(pid, tid, 41), "policy (3 = SCHED_BATCH) of " + tid);
                } else {
                    assertEquals(0, KernelReader.taskStatField(pid, tid, 19), "nice of thread " + tid);
                    assertEquals(0, KernelReader.taskStatField(pid, tid, 41), "policy of thread " + tid);
                }
            }
            for (Outcome o : outcomes) {
                assertEquals(expectations().processOperationsWork() ? Outcome.Status.APPLIED : Outcome.Status.UNSUPPORTED,
                        o.status(), o::toString);
            }
            assertTrue(child.isAlive());
        }
    }

    @Test
    void threadsStartedAfterProcessTuningInheritIt() {
        assumeTrue(expectations().processOperationsWork(), "the provider changes no process");
        try (ThreadedChild child = ThreadedChild.start()) {
            int pid = child.pid();
            CpuSet first = CpuSet.of(provider().allowedCpus().first());
            assertEquals(Outcome.applied(), provider().pinProcess(pid, first));
            assertEquals(Outcome.applied(), provider().setProcessNice(pid, 3));
            IoPriority io = new IoPriority(IoPriority.IoClass.BEST_EFFORT, 2);
            assertEquals(Outcome.applied(), provider().setProcessIoPriority(pid, io));
            int tid = child.startThread();
            assertEquals(first, KernelReader.taskAllowedCpus(pid, tid));
            assertEquals(3, KernelReader.taskStatField(pid, tid, 19));
            assertEquals(io, KernelReader.ioPriority(tid));
            assertEquals(io, provider().ioPriorityOf(tid).get());
        }
    }

    @Test
    void processRealTimePolicyIsInheritedByNewThreads() {
        assumeTrue(expectations().processOperationsWork() && permitted(Operation.THREAD_SCHEDULING),
                "a real-time policy needs CAP_SYS_NICE or RLIMIT_RTPRIO");
        try (ThreadedChild child = ThreadedChild.start()) {
            int pid = child.pid();
            assertEquals(Outcome.applied(), provider().setProcessScheduling(pid, new ThreadScheduling(SchedulingPolicy.RR, 3)));
            int tid = child.startThread();
            // No SCHED_RESET_ON_FORK for a process: its new threads run the policy too.
            assertEquals(2, KernelReader.taskStatField(pid, tid, 41), "policy (2 = SCHED_RR)");
            assertEquals(3, KernelReader.taskStatField(pid, tid, 40), "rt_priority");
        }
    }

    @Test
    void processTuningOfAProcessThatIsGoneIsDeniedWithEsrch() throws Exception {
        assumeTrue(expectations().processOperationsWork(), "the provider changes no process");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Outcome outcome = provider().setProcessNice((int) gone.pid(), 4);
        assertEquals(Outcome.Status.DENIED, outcome.status(), outcome::toString);
        assertEquals("ESRCH", outcome.errno());
    }

    @Test
    void processTuningRejectsANonPositivePid() {
        assertThrows(IllegalArgumentException.class, () -> provider().setProcessNice(0, 1));
        assertThrows(IllegalArgumentException.class, () -> provider().pinProcess(-1, CpuSet.of(0)));
        assertThrows(IllegalArgumentException.class, () -> provider().setProcessNice(1, 20));
    }

    // ---------------------------------------------------------------- helpers

    /** Writes {@link #FILE_BYTES} of non-zero data and fsyncs it, so its pages are clean and cached. */
    protected Path writeFile(String name) throws IOException {
        Path file = tempDir.resolve(name);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        for (int i = 0; i < chunk.capacity(); i++) {
            chunk.put(i, (byte) (i * 31 + 7));
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int written = 0; written < FILE_BYTES; written += chunk.capacity()) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
            }
            ch.force(true);
        }
        return file;
    }

    private static long touchEveryPage(MappedByteBuffer map) {
        long sum = 0;
        for (int i = 0; i < map.capacity(); i += 4096) {
            sum += map.get(i);
        }
        return sum;
    }
}
