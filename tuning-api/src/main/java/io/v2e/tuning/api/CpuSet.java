package io.v2e.tuning.api;

import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * An immutable set of CPU numbers 0..{@value #MAX_CPUS}-1 (the size of the kernel's default
 * cpu_set_t), written in the Linux cpulist syntax both ways: {@code "0-3,8,10-11"}.
 */
public final class CpuSet {

    /** CPUs a set can name: 1024, like glibc's CPU_SETSIZE. */
    public static final int MAX_CPUS = 1024;

    private static final CpuSet EMPTY = new CpuSet(new BitSet());

    private final BitSet bits;

    private CpuSet(BitSet bits) {
        this.bits = bits;
    }

    public static CpuSet empty() {
        return EMPTY;
    }

    public static CpuSet of(int... cpus) {
        BitSet b = new BitSet();
        for (int cpu : cpus) {
            checkCpu(cpu);
            b.set(cpu);
        }
        return new CpuSet(b);
    }

    /** The CPUs {@code from..to}, both included. */
    public static CpuSet range(int from, int to) {
        checkCpu(from);
        checkCpu(to);
        if (from > to) {
            throw new IllegalArgumentException("CPU range " + from + "-" + to + " runs backwards");
        }
        BitSet b = new BitSet();
        b.set(from, to + 1);
        return new CpuSet(b);
    }

    /**
     * Parses a Linux cpulist such as {@code "0-3,8,10-11"} (also the kernel's stride form
     * {@code "0-7:2"}). Whitespace around items is ignored; an empty string is the empty set.
     *
     * @throws IllegalArgumentException naming the bad item and why
     */
    public static CpuSet parse(String cpulist) {
        if (cpulist == null) {
            throw new IllegalArgumentException("cpulist is null");
        }
        String text = cpulist.trim();
        if (text.isEmpty()) {
            return EMPTY;
        }
        BitSet b = new BitSet();
        for (String rawItem : text.split(",", -1)) {
            String item = rawItem.trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("bad cpulist '" + cpulist + "': empty item");
            }
            int stride = 1;
            int colon = item.indexOf(':');
            if (colon >= 0) {
                stride = parseNumber(cpulist, item.substring(colon + 1), "stride");
                if (stride < 1) {
                    throw new IllegalArgumentException("bad cpulist '" + cpulist + "': stride must be >= 1 in '" + item + "'");
                }
                item = item.substring(0, colon);
                if (item.indexOf('-') < 0) {
                    throw new IllegalArgumentException("bad cpulist '" + cpulist + "': a stride needs a range in '" + rawItem.trim() + "'");
                }
            }
            int dash = item.indexOf('-');
            if (dash < 0) {
                int cpu = parseNumber(cpulist, item, "CPU");
                checkCpu(cpulist, cpu);
                b.set(cpu);
            } else {
                int from = parseNumber(cpulist, item.substring(0, dash), "range start");
                int to = parseNumber(cpulist, item.substring(dash + 1), "range end");
                checkCpu(cpulist, from);
                checkCpu(cpulist, to);
                if (from > to) {
                    throw new IllegalArgumentException("bad cpulist '" + cpulist + "': range '" + item + "' runs backwards");
                }
                for (int cpu = from; cpu <= to; cpu += stride) {
                    b.set(cpu);
                }
            }
        }
        return new CpuSet(b);
    }

    /** Reads a kernel CPU mask (bit i of byte i/8 = CPU i), as sched_getaffinity fills it. */
    public static CpuSet fromMask(byte[] mask) {
        BitSet b = BitSet.valueOf(mask);
        if (b.length() > MAX_CPUS) {
            b = b.get(0, MAX_CPUS);
        }
        return new CpuSet(b);
    }

    /** The kernel CPU mask of {@code bytes} bytes (a multiple of 8 for sched_setaffinity). */
    public byte[] toMask(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("mask size must be >= 0 bytes, was " + bytes);
        }
        if ((long) bytes * 8 < bits.length()) {
            throw new IllegalArgumentException("mask of " + bytes + " bytes cannot hold CPU " + (bits.length() - 1));
        }
        return Arrays.copyOf(bits.toByteArray(), bytes);
    }

    public boolean contains(int cpu) {
        return cpu >= 0 && bits.get(cpu);
    }

    public boolean containsAll(CpuSet other) {
        BitSet b = (BitSet) other.bits.clone();
        b.andNot(bits);
        return b.isEmpty();
    }

    public int size() {
        return bits.cardinality();
    }

    public boolean isEmpty() {
        return bits.isEmpty();
    }

    /** The lowest CPU in the set. */
    public int first() {
        if (bits.isEmpty()) {
            throw new IllegalStateException("empty CPU set");
        }
        return bits.nextSetBit(0);
    }

    /** The highest CPU in the set. */
    public int last() {
        if (bits.isEmpty()) {
            throw new IllegalStateException("empty CPU set");
        }
        return bits.length() - 1;
    }

    /** The n-th CPU (0-based) in ascending order. */
    public int get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("CPU index " + index + " of a set of " + size());
        }
        return stream().skip(index).findFirst().getAsInt();
    }

    public IntStream stream() {
        return bits.stream();
    }

    public int[] toArray() {
        return bits.stream().toArray();
    }

    public CpuSet intersect(CpuSet other) {
        BitSet b = (BitSet) bits.clone();
        b.and(other.bits);
        return new CpuSet(b);
    }

    public CpuSet union(CpuSet other) {
        BitSet b = (BitSet) bits.clone();
        b.or(other.bits);
        return new CpuSet(b);
    }

    /** The Linux cpulist form, ranges collapsed: {@code "0-3,8,10-11"}; empty set: {@code ""}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int start = bits.nextSetBit(0);
        while (start >= 0) {
            int end = bits.nextClearBit(start) - 1;
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(start);
            if (end > start) {
                sb.append('-').append(end);
            }
            start = bits.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuSet && ((CpuSet) o).bits.equals(bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    private static int parseNumber(String cpulist, String text, String what) {
        String t = text.trim();
        if (t.isEmpty() || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad cpulist '" + cpulist + "': " + what + " '" + t + "' is not a number");
        }
        if (t.length() > 9) {
            throw new IllegalArgumentException("bad cpulist '" + cpulist + "': " + what + " " + t + " is above the limit of "
                    + (MAX_CPUS - 1));
        }
        return Integer.parseInt(t);
    }

    private static void checkCpu(String cpulist, int cpu) {
        if (cpu >= MAX_CPUS) {
            throw new IllegalArgumentException("bad cpulist '" + cpulist + "': CPU " + cpu + " is above the limit of "
                    + (MAX_CPUS - 1));
        }
    }

    private static void checkCpu(int cpu) {
        if (cpu < 0 || cpu >= MAX_CPUS) {
            throw new IllegalArgumentException("CPU " + cpu + " is outside 0.." + (MAX_CPUS - 1));
        }
    }
}
