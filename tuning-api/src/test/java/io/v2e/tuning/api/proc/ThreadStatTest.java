package io.v2e.tuning.api.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ThreadStatTest {

    /** A stat line whose field n (n >= 3) holds the number n, behind an awkward command name. */
    private static String numberedStat(int lastField) {
        return "4242 (my (odd) thread) " + IntStream.rangeClosed(3, lastField).mapToObj(Integer::toString)
                .collect(Collectors.joining(" "));
    }

    @Test
    void fieldsAreNumberedAsInProcFiveCountingAfterTheLastParenthesis() {
        ThreadStat stat = ThreadStat.parse(numberedStat(52)).orElseThrow();
        assertEquals(Optional.of(19), stat.nice());
        assertEquals(Optional.of(39), stat.lastCpu());
        assertEquals(Optional.of(40), stat.rtPriority());
        assertEquals(Optional.of(41), stat.policy());
        assertEquals(Optional.of(7), stat.field(7));
    }

    @Test
    void aNegativeNiceIsParsed() {
        String stat = "4242 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 20 -7 1 0 100";
        assertEquals(Optional.of(-7), ThreadStat.parse(stat).orElseThrow().nice());
    }

    @Test
    void aFieldBeyondTheTextIsEmpty() {
        ThreadStat stat = ThreadStat.parse(numberedStat(20)).orElseThrow();
        assertEquals(Optional.of(19), stat.nice());
        assertEquals(Optional.empty(), stat.policy());
    }

    @Test
    void aNonNumericFieldIsEmpty() {
        assertEquals(Optional.empty(), ThreadStat.parse("1 (x) S").orElseThrow().field(3));
    }

    @Test
    void textWithoutACommandNameIsNoStat() {
        assertEquals(Optional.empty(), ThreadStat.parse("garbage"));
    }

    @Test
    void pidAndCommandNameAreNoNumericFields() {
        ThreadStat stat = ThreadStat.parse(numberedStat(20)).orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> stat.field(2));
    }
}
