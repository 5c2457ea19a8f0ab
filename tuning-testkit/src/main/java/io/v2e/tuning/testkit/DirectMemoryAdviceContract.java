package io.v2e.tuning.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.api.MemoryAdvice;
import io.v2e.tuning.api.Outcome;
import io.v2e.tuning.api.TuningProvider;

/**
 * An extra contract for providers that perform memory advice: MADV_DONTNEED on anonymous memory
 * (a direct buffer from malloc) zeroes whole pages, so a provider must never widen such a region
 * beyond the bytes it was given - the edge pages hold someone else's data. Mixed into a provider
 * test next to {@link TuningProviderContract}; the provider test must make {@code provider()} public.
 */
public interface DirectMemoryAdviceContract {

    byte FILL = 0x5A;

    TuningProvider provider();

    @Test
    default void dontneedOnAnUnalignedDirectRegionKeepsEveryByteOutsideIt() {
        int page = KernelReader.pageSize();
        ByteBuffer direct = ByteBuffer.allocateDirect(6 * page);
        for (int i = 0; i < direct.capacity(); i++) {
            direct.put(i, FILL);
        }
        int offset = page / 2 + 3;
        int length = 4 * page;
        // The region counts from the buffer's first byte whatever its position and limit.
        direct.position(page + 11).limit(5 * page);
        Outcome outcome = provider().adviseMemory(direct, offset, length, MemoryAdvice.DONTNEED);
        assertEquals(Outcome.applied(), outcome);
        direct.clear();
        int zeroedInside = 0;
        for (int i = 0; i < direct.capacity(); i++) {
            boolean inside = i >= offset && i < offset + length;
            if (!inside) {
                assertEquals(FILL, direct.get(i), "byte " + i + " outside the advised region " + offset + "+" + length);
            } else if (direct.get(i) == 0) {
                zeroedInside++;
            }
        }
        // The kernel really dropped the whole pages inside the region: they read back as zeroes.
        assertTrue(zeroedInside >= 3 * page, "zeroed bytes inside the region: " + zeroedInside);
    }
}
