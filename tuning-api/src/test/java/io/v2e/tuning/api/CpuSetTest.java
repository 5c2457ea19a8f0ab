package io.v2e.tuning.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CpuSetTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "0-3,8,10-11", "0-1023", "63-65,1000", "1,3,5", "0-1", "1023", ""})
    void canonicalCpulistRoundTrips(String cpulist) {
        assertEquals(cpulist, CpuSet.parse(cpulist).toString());
    }

    @Test
    void parseReadsEveryCpuOfTheList() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 8, 10, 11}, CpuSet.parse("0-3,8,10-11").toArray());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "0,1,2,3;         0-3",
            "3,2,1,0;         0-3",
            "' 1 , 2 ';       1-2",
            "0-7:2;           0,2,4,6",
            "5,5,5;           5",
            "0-3,2-5;         0-5",
            "007;             7"})
    void nonCanonicalListsAreWrittenCanonically(String in, String canonical) {
        assertEquals(canonical, CpuSet.parse(in).toString());
    }

    @Test
    void moreThan64CpusAreKept() {
        CpuSet set = CpuSet.parse("63-65,1000");
        assertEquals(4, set.size());
        assertTrue(set.contains(63) && set.contains(64) && set.contains(65) && set.contains(1000));
        assertFalse(set.contains(66));
        assertEquals(1000, set.last());
        assertEquals(1024, CpuSet.parse("0-1023").size());
    }

    @Test
    void maskRoundTripsThroughTheKernelLayout() {
        CpuSet set = CpuSet.parse("0,9,63-65,1023");
        byte[] mask = set.toMask(128);
        assertEquals(128, mask.length);
        assertEquals(0b0000_0001, mask[0]);            // CPU 0
        assertEquals(0b0000_0010, mask[1]);            // CPU 9 = bit 1 of byte 1
        assertEquals((byte) 0b1000_0000, mask[7]);     // CPU 63
        assertEquals(0b0000_0011, mask[8]);            // CPUs 64, 65
        assertEquals((byte) 0b1000_0000, mask[127]);   // CPU 1023
        assertEquals(set, CpuSet.fromMask(mask));
    }

    @Test
    void fromMaskReadsAShortKernelMask() {
        assertEquals("0-1", CpuSet.fromMask(new byte[] {3, 0, 0, 0, 0, 0, 0, 0}).toString());
        assertEquals("", CpuSet.fromMask(new byte[8]).toString());
    }

    @Test
    void toMaskRefusesAMaskTooSmallForTheSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuSet.of(64).toMask(8));
        assertEquals("mask of 8 bytes cannot hold CPU 64", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CpuSet.of(0).toMask(-1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "1-;      bad cpulist '1-': range end '' is not a number",
            "a;       bad cpulist 'a': CPU 'a' is not a number",
            "3-1;     bad cpulist '3-1': range '3-1' runs backwards",
            "1024;    bad cpulist '1024': CPU 1024 is above the limit of 1023",
            "0-1024;  bad cpulist '0-1024': CPU 1024 is above the limit of 1023",
            "\",\";     bad cpulist ',': empty item",
            "1,,2;    bad cpulist '1,,2': empty item",
            "-1;      bad cpulist '-1': range start '' is not a number",
            "+1;      bad cpulist '+1': CPU '+1' is not a number",
            "0-7:0;   bad cpulist '0-7:0': stride must be >= 1 in '0-7:0'",
            "5:2;     bad cpulist '5:2': a stride needs a range in '5:2'",
            "99999999999; bad cpulist '99999999999': CPU 99999999999 is above the limit of 1023",
            "١;       bad cpulist '١': CPU '١' is not a number"})
    void badCpulistsFailWithAMessageNamingTheProblem(String cpulist, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuSet.parse(cpulist));
        assertEquals(message, e.getMessage());
    }

    @Test
    void nullCpulistFailsClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuSet.parse(null));
        assertEquals("cpulist is null", e.getMessage());
    }

    @Test
    void factoriesRejectCpusOutsideTheKernelRange() {
        assertEquals("CPU 1024 is outside 0..1023",
                assertThrows(IllegalArgumentException.class, () -> CpuSet.of(1024)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CpuSet.of(-1));
        assertEquals("CPU range 3-1 runs backwards",
                assertThrows(IllegalArgumentException.class, () -> CpuSet.range(3, 1)).getMessage());
    }

    @Test
    void setAlgebraWorksAcrossWords() {
        CpuSet a = CpuSet.parse("0-70");
        CpuSet b = CpuSet.parse("64-100");
        assertEquals("64-70", a.intersect(b).toString());
        assertEquals("0-100", a.union(b).toString());
        assertTrue(a.union(b).containsAll(b));
        assertFalse(a.containsAll(b));
        assertEquals(65, a.get(65));
        assertEquals(0, a.first());
    }

    @Test
    void emptySetHasNoFirstOrLast() {
        assertTrue(CpuSet.empty().isEmpty());
        assertEquals(CpuSet.empty(), CpuSet.parse(" "));
        assertEquals(CpuSet.empty(), CpuSet.of());
        assertThrows(IllegalStateException.class, () -> CpuSet.empty().first());
        assertThrows(IllegalStateException.class, () -> CpuSet.empty().last());
        assertThrows(IndexOutOfBoundsException.class, () -> CpuSet.empty().get(0));
    }

    @Test
    void equalSetsHaveEqualHashCodes() {
        assertEquals(CpuSet.parse("1-3"), CpuSet.of(3, 2, 1));
        assertEquals(CpuSet.parse("1-3").hashCode(), CpuSet.of(3, 2, 1).hashCode());
    }
}
