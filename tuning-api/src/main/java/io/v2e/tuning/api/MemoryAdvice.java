package io.v2e.tuning.api;

/** madvise(2) advice for a mapped or direct buffer region (MADV_* values for Linux). */
public enum MemoryAdvice {
    NORMAL(0),
    RANDOM(1),
    SEQUENTIAL(2),
    WILLNEED(3),
    /** Drops the region's pages from this process; for a file mapping they are re-read on access. */
    DONTNEED(4);

    private final int linuxValue;

    MemoryAdvice(int linuxValue) {
        this.linuxValue = linuxValue;
    }

    /** The MADV_* constant of Linux (x86_64 and aarch64 share them). */
    public int linuxValue() {
        return linuxValue;
    }
}
