package io.v2e.tuning.api;

/** posix_fadvise(2) advice for a file range (POSIX_FADV_* values for Linux). */
public enum PageCacheAdvice {
    NORMAL(0),
    RANDOM(1),
    SEQUENTIAL(2),
    WILLNEED(3),
    /** Evicts the range's clean pages from the page cache. */
    DONTNEED(4);

    private final int linuxValue;

    PageCacheAdvice(int linuxValue) {
        this.linuxValue = linuxValue;
    }

    /** The POSIX_FADV_* constant of Linux on x86_64 and aarch64. */
    public int linuxValue() {
        return linuxValue;
    }
}
