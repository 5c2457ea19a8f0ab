package io.v2e.tuning.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.CpuSet;

/**
 * Behaviour of a real Linux provider in a child JVM that has fewer privileges or fewer CPUs than
 * the test JVM: without CAP_SYS_NICE a negative nice is DENIED while everything else still
 * applies; under {@code taskset -c N} the allowed CPUs are exactly {N}; with no JVM flag beyond
 * {@link #extraJvmArgs()} (no {@code --add-opens}) page-cache advice applies; without
 * CAP_DAC_OVERRIDE an unreadable file is DENIED(EACCES).
 * <p>
 * A provider test extends this class and supplies {@link #reportMain()}: a class whose
 * {@code main} builds and activates the provider outside OSGi and calls
 * {@link ProviderReport#print}. Capabilities are dropped with util-linux {@code setpriv}
 * (when this JVM has them; an unprivileged test JVM runs the child as it is).
 */
public abstract class ChildJvmContract {

    private static final Map<String, Map<String, String>> RUNS = new ConcurrentHashMap<>();

    /** A class with a main that activates the provider and calls {@link ProviderReport#print}. */
    protected abstract Class<?> reportMain();

    /** JVM arguments the provider needs (ffm: native access); none by default. */
    protected List<String> extraJvmArgs() {
        return List.of();
    }

    /** JVM arguments of the child: {@link #extraJvmArgs()} and nothing else. */
    protected final List<String> childJvmArgs() {
        return List.copyOf(extraJvmArgs());
    }

    private Map<String, String> runWithout(String... caps) {
        String key = reportMain().getName() + " without " + String.join(",", caps);
        return RUNS.computeIfAbsent(key, k -> {
            boolean privileged = false;
            for (String cap : caps) {
                privileged |= KernelReader.hasEffectiveCapability(capabilityNumber(cap));
            }
            String drop = "-" + String.join(",-", caps);
            List<String> prefix = privileged
                    ? List.of("setpriv", "--inh-caps=" + drop, "--bounding-set=" + drop, "--")
                    : List.of();
            return ChildJvm.run(prefix, childJvmArgs(), reportMain());
        });
    }

    @Test
    void withoutCapSysNiceNegativeNiceIsDeniedWithEacces() {
        Map<String, String> r = runWithout("sys_nice");
        // setpriority(2): lowering a nice value without privilege is EACCES (EPERM is for
        // touching another user's process).
        assertEquals("DENIED", r.get("niceMinus10.status"), r::toString);
        assertEquals("EACCES", r.get("niceMinus10.errno"), r::toString);
        assertEquals(r.get("kernel.niceBefore"), r.get("kernel.niceAfterMinus10"), r::toString);
        assertEquals("false", r.get("capability.THREAD_NICE.permitted"), r::toString);
        assertEquals("true", r.get("capability.THREAD_NICE.supported"), r::toString);
    }

    @Test
    void withoutCapSysNiceNegativeProcessNiceIsDeniedAndTheProcessRunsOn() {
        Map<String, String> r = runWithout("sys_nice");
        assertEquals("DENIED", r.get("processNiceMinus5.status"), r::toString);
        assertEquals("EACCES", r.get("processNiceMinus5.errno"), r::toString);
        assertEquals(r.get("kernel.processNiceBefore"), r.get("kernel.processNiceAfterMinus5"), r::toString);
        assertEquals("APPLIED", r.get("processNicePlus12.status"), r::toString);
        assertEquals("12", r.get("kernel.processNiceAfterPlus12"), r::toString);
        assertEquals("true", r.get("processAlive"), r::toString);
    }

    @Test
    void withoutCapSysNiceEverythingElseStillApplies() {
        Map<String, String> r = runWithout("sys_nice");
        assertEquals("APPLIED", r.get("nicePlus5.status"), r::toString);
        assertEquals("5", r.get("kernel.niceAfterPlus5"), r::toString);
        assertEquals("APPLIED", r.get("pin.status"), r::toString);
        assertEquals(r.get("pinTarget"), r.get("kernel.threadAllowedCpus"), r::toString);
        assertEquals("APPLIED", r.get("ioBestEffort7.status"), r::toString);
        assertEquals("best_effort/7", r.get("kernel.ioAfterBestEffort7"), r::toString);
        assertEquals("APPLIED", r.get("madviseWillneed.status"), r::toString);
        assertEquals("APPLIED", r.get("fadviseDontneed.status"), r::toString);
        assertEquals("true", r.get("capability.CPU_AFFINITY.permitted"), r::toString);
    }

    @Test
    void withoutCapSysNiceRestoreCannotLowerTheNiceValueBackButRestoresTheRest() {
        Map<String, String> r = runWithout("sys_nice");
        // The report raised nice 0 -> 5; going back to 0 lowers the nice value, which needs
        // CAP_SYS_NICE (or RLIMIT_NICE): the kernel refuses, the other parts are restored.
        assertEquals("DENIED", r.get("restore.status"), r::toString);
        assertEquals("EACCES", r.get("restore.errno"), r::toString);
        assertEquals("5", r.get("kernel.niceAfterRestore"), r::toString);
        assertEquals(r.get("allowedCpus"), r.get("kernel.threadAllowedCpusAfterRestore"), r::toString);
        assertEquals(r.get("kernel.ioBefore"), r.get("kernel.ioAfterRestore"), r::toString);
    }

    @Test
    void withoutCapSysNiceRealTimeSchedulingIsDeniedWithEpermAndTheRestStillApplies() {
        assumeTrue(KernelReader.rtprioRlimit() == 0,
                "RLIMIT_RTPRIO " + KernelReader.rtprioRlimit() + " lets an unprivileged thread use SCHED_FIFO");
        Map<String, String> r = runWithout("sys_nice");
        assertEquals("DENIED", r.get("schedFifo10.status"), r::toString);
        assertEquals("EPERM", r.get("schedFifo10.errno"), r::toString);
        assertEquals("0", r.get("kernel.policyAfterFifo10"), r::toString);
        assertEquals("0", r.get("kernel.rtPriorityAfterFifo10"), r::toString);
        assertEquals("false", r.get("capability.THREAD_SCHEDULING.permitted"), r::toString);
        assertEquals("true", r.get("capability.THREAD_SCHEDULING.supported"), r::toString);
        // Non-real-time policies need no privilege, and restore brings SCHED_OTHER back.
        assertEquals("APPLIED", r.get("schedBatch.status"), r::toString);
        assertEquals("3", r.get("kernel.policyAfterBatch"), r::toString);
        assertEquals("0", r.get("kernel.policyAfterRestore"), r::toString);
        assertEquals("APPLIED", r.get("pin.status"), r::toString);
    }

    @Test
    void withCapSysNiceRealTimeSchedulingAppliesAndRestoreEndsOnSchedOther() {
        assumeTrue(KernelReader.hasEffectiveCapability(KernelReader.CAP_SYS_NICE), "needs CAP_SYS_NICE");
        Map<String, String> r = ChildJvm.run(List.of(), childJvmArgs(), reportMain());
        assertEquals("APPLIED", r.get("schedFifo10.status"), r::toString);
        assertEquals("1", r.get("kernel.policyAfterFifo10"), r::toString);
        assertEquals("10", r.get("kernel.rtPriorityAfterFifo10"), r::toString);
        assertEquals("true", r.get("capability.THREAD_SCHEDULING.permitted"), r::toString);
        assertEquals("APPLIED", r.get("restore.status"), r::toString);
        assertEquals("0", r.get("kernel.policyAfterRestore"), r::toString);
    }

    @Test
    void withoutCapSysNiceAndSysAdminRealtimeIoIsDeniedWithEperm() {
        Map<String, String> r = runWithout("sys_nice", "sys_admin");
        assertEquals("DENIED", r.get("ioRealtime0.status"), r::toString);
        assertEquals("EPERM", r.get("ioRealtime0.errno"), r::toString);
        assertEquals("false", r.get("capability.IO_PRIORITY.permitted"), r::toString);
        assertEquals("APPLIED", r.get("ioBestEffort7.status"), r::toString);
    }

    @Test
    void underTasksetAllowedCpusAreExactlyThatCpu() {
        CpuSet allowed = KernelReader.processAllowedCpus();
        int cpu = allowed.last();
        Map<String, String> r = ChildJvm.run(List.of("taskset", "-c", Integer.toString(cpu)), childJvmArgs(),
                reportMain());
        assertEquals(Integer.toString(cpu), r.get("allowedCpus"), r::toString);
        assertEquals(Integer.toString(cpu), r.get("kernel.processAllowedCpus"), r::toString);
        assertEquals("APPLIED", r.get("pin.status"), r::toString);
        assertTrue(r.get("capability.CPU_AFFINITY.permitted").equals("true"), r::toString);
    }

    @Test
    void withNoAddOpensPageCacheAdviceIsAppliedAndEvictsTheFile() {
        Map<String, String> r = ChildJvm.run(List.of(), childJvmArgs(), reportMain());
        assertFalse(r.get("jvm.inputArguments").contains("--add-opens"), r::toString);
        assertEquals("true", r.get("capability.PAGE_CACHE_ADVICE.supported"), r::toString);
        assertEquals("true", r.get("capability.PAGE_CACHE_ADVICE.permitted"), r::toString);
        assertEquals("APPLIED", r.get("fadviseDontneed.status"), r::toString);
        // fincore of the 1 MiB file: resident after write+fsync, gone after DONTNEED.
        assertTrue(Long.parseLong(r.get("kernel.fadviseResidentBefore")) >= 900 * 1024, r::toString);
        assertTrue(Long.parseLong(r.get("kernel.fadviseResidentAfter")) <= 64 * 1024, r::toString);
    }

    @Test
    void withoutCapDacOverrideAnUnreadableFileIsDeniedWithEacces() {
        Map<String, String> r = runWithout("dac_override", "dac_read_search");
        assertEquals("DENIED", r.get("fadviseUnreadable.status"), r::toString);
        assertEquals("EACCES", r.get("fadviseUnreadable.errno"), r::toString);
        assertEquals("APPLIED", r.get("fadviseDontneed.status"), r::toString);
    }

    private static int capabilityNumber(String cap) {
        switch (cap) {
            case "sys_nice":
                return KernelReader.CAP_SYS_NICE;
            case "sys_admin":
                return KernelReader.CAP_SYS_ADMIN;
            case "dac_override":
                return KernelReader.CAP_DAC_OVERRIDE;
            case "dac_read_search":
                return KernelReader.CAP_DAC_READ_SEARCH;
            default:
                throw new IllegalArgumentException("unknown capability " + cap);
        }
    }
}
