package io.v2e.tuning.api.proc;

import java.util.Arrays;
import java.util.Optional;

/**
 * One reading of a thread's {@code stat} file (proc(5)), with its fields numbered from 1 as the
 * manual numbers them. Immutable; a field the text lacks or that is not a number is empty.
 */
public final class ThreadStat {

    private static final int FIRST_FIELD_AFTER_COMM = 3;

    /** Fields 3 onwards (the state letter first). */
    private final String[] afterComm;

    private ThreadStat(String[] afterComm) {
        this.afterComm = afterComm;
    }

    /**
     * Parses a stat line. The command name (field 2) may hold spaces and parentheses, so fields
     * are counted after the last {@code ')'}.
     *
     * @return empty when the text has no {@code (comm)} field
     */
    public static Optional<ThreadStat> parse(String statText) {
        int close = statText.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        return Optional.of(new ThreadStat(statText.substring(close + 1).trim().split("\\s+")));
    }

    /** Numeric field {@code number} (counting from 1, as proc(5) does; 3 or more). */
    public Optional<Integer> field(int number) {
        if (number < FIRST_FIELD_AFTER_COMM) {
            throw new IllegalArgumentException("field " + number + " is not numeric: fields 1 and 2 are pid and (comm)");
        }
        int index = number - FIRST_FIELD_AFTER_COMM;
        if (index >= afterComm.length) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(afterComm[index]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The nice value (field 19). */
    public Optional<Integer> nice() {
        return field(19);
    }

    /** The CPU the thread last ran on (field 39). */
    public Optional<Integer> lastCpu() {
        return field(39);
    }

    /** The real-time priority (field 40; 0 under a normal policy). */
    public Optional<Integer> rtPriority() {
        return field(40);
    }

    /**
     * The scheduling policy number (field 41: 0 other, 1 fifo, 2 rr, 3 batch, 5 idle, 6 deadline;
     * the reset-on-fork flag is not in it).
     */
    public Optional<Integer> policy() {
        return field(41);
    }

    @Override
    public String toString() {
        return "ThreadStat" + Arrays.toString(afterComm);
    }
}
