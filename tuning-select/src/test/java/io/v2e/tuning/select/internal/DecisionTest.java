package io.v2e.tuning.select.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class DecisionTest {

    private static final Candidate JNR = new Candidate("jnr", 300, 11);
    private static final Candidate FFM = new Candidate("ffm", 250, 12);
    private static final Candidate JNA = new Candidate("jna", 200, 13);
    private static final Candidate NOOP = new Candidate("noop", -1000, 10);

    @Test
    void autoUsesTheHighestRankingAndLetsTheReferenceFollowTheRanking() {
        Decision d = Decision.of(Selection.parse("auto"), List.of(NOOP, JNA, JNR));
        assertEquals("jnr", d.usingName());
        assertEquals("(tuning.provider=*)", d.target());
        assertEquals("auto: jnr has the highest service.ranking (300)", d.reason());
    }

    @Test
    void autoBreaksARankingTieByTheLowestServiceId() {
        Candidate older = new Candidate("jna", 200, 5);
        Candidate newer = new Candidate("jnr", 200, 9);
        assertEquals("jna", Decision.of(Selection.DEFAULT, List.of(newer, older)).usingName());
    }

    @Test
    void aSelectedProviderThatIsRegisteredIsNamedInTheTargetEvenWhenRankedLower() {
        Decision d = Decision.of(Selection.parse("jna"), List.of(JNR, JNA, NOOP));
        assertEquals("jna", d.usingName());
        assertEquals("(tuning.provider=jna)", d.target());
        assertEquals("selected jna", d.reason());
        assertFalse(d.isFallback());
    }

    @Test
    void noopCanBeSelectedAboveEveryRealProvider() {
        Decision d = Decision.of(Selection.parse("noop"), List.of(JNR, JNA, NOOP));
        assertEquals("noop", d.usingName());
        assertEquals("(tuning.provider=noop)", d.target());
    }

    @Test
    void aSelectedProviderThatIsMissingFallsBackToTheBestAvailableAndSaysSo() {
        Decision d = Decision.of(Selection.parse("ffm"), List.of(JNA, JNR, NOOP));
        assertEquals("jnr", d.usingName());
        assertEquals("(tuning.provider=*)", d.target());
        assertEquals("selected ffm: not available, using jnr", d.reason());
        assertTrue(d.isFallback());
    }

    @Test
    void whenTheSelectedProviderRegistersLaterTheDecisionMovesToIt() {
        Selection ffm = Selection.parse("ffm");
        assertEquals("jnr", Decision.of(ffm, List.of(JNR, NOOP)).usingName());
        Decision later = Decision.of(ffm, List.of(JNR, NOOP, FFM));
        assertEquals("ffm", later.usingName());
        assertEquals("(tuning.provider=ffm)", later.target());
    }

    @Test
    void nothingRegisteredIsStatedPlainly() {
        assertEquals("selected jna: not available, no provider registered",
                Decision.of(Selection.parse("jna"), List.of()).reason());
        assertEquals("auto: no provider registered", Decision.of(Selection.DEFAULT, List.of()).reason());
        assertEquals("none", Decision.of(Selection.DEFAULT, List.of()).usingName());
    }

    @Test
    void selectionIsTrimmedAndCaseInsensitiveAndEmptyMeansAuto() {
        assertEquals("jna", Selection.parse("  JNA ").value());
        assertTrue(Selection.parse("").isAuto());
        assertTrue(Selection.parse(null).isAuto());
    }

    @Test
    void anUnknownSelectionIsRejectedNamingTheValueAndTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Selection.parse("jnx"));
        assertEquals("provider must be one of auto | jnr | jna | ffm | noop, was 'jnx'", e.getMessage());
    }
}
