package io.v2e.tuning.api;

import java.util.Objects;

/**
 * A Linux I/O priority: a scheduling class and a level 0 (highest) to 7 (lowest).
 *
 * @param ioClass the I/O scheduling class
 * @param level   0..7 for REALTIME and BEST_EFFORT; 0 for NONE and IDLE
 */
public record IoPriority(IoClass ioClass, int level) {

    /** The kernel's I/O classes (IOPRIO_CLASS_*), with their numbers. */
    public enum IoClass {
        /** No class set: the thread follows its CPU nice value. */
        NONE(0),
        /** Real-time: served first; setting it needs CAP_SYS_ADMIN. */
        REALTIME(1),
        /** The default class. */
        BEST_EFFORT(2),
        /** Served only when nobody else needs the disk. */
        IDLE(3);

        private final int number;

        IoClass(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }

        public static IoClass ofNumber(int number) {
            for (IoClass c : values()) {
                if (c.number == number) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown I/O class number " + number);
        }

        /** Parses a class name as written in configuration: realtime|rt, best_effort|be, idle, none. */
        public static IoClass parse(String text) {
            String t = Objects.requireNonNull(text, "I/O class").trim().toLowerCase(java.util.Locale.ROOT)
                    .replace('-', '_');
            switch (t) {
                case "realtime": case "rt": case "real_time": return REALTIME;
                case "best_effort": case "be": case "besteffort": return BEST_EFFORT;
                case "idle": return IDLE;
                case "none": return NONE;
                default:
                    throw new IllegalArgumentException("unknown I/O class '" + text
                            + "' (expected realtime, best_effort, idle or none)");
            }
        }
    }

    private static final int CLASS_SHIFT = 13;
    /** The level is bits 0..2; Linux 6.5+ puts a priority hint in bits 3..12, which we ignore. */
    private static final int LEVEL_MASK = 0x7;

    public IoPriority {
        Objects.requireNonNull(ioClass, "ioClass");
        if (level < 0 || level > 7) {
            throw new IllegalArgumentException("I/O priority level must be 0..7, was " + level);
        }
    }

    /** The value ioprio_set(2) takes: class in the top bits, level in the low 13. */
    public int encode() {
        return (ioClass.number() << CLASS_SHIFT) | level;
    }

    /** The inverse of {@link #encode()}, for a value ioprio_get(2) returned (hint bits ignored). */
    public static IoPriority decode(int ioprio) {
        if (ioprio < 0) {
            throw new IllegalArgumentException("negative ioprio " + ioprio);
        }
        int level = ioprio & LEVEL_MASK;
        return new IoPriority(IoClass.ofNumber(ioprio >>> CLASS_SHIFT), level);
    }

    @Override
    public String toString() {
        return ioClass.name().toLowerCase(java.util.Locale.ROOT) + "/" + level;
    }
}
