package io.v2e.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.v2e.tuning.noop.internal.NoopTuningProvider;

class RankedProviderTest {

    private static RankedProvider provider(String name, Object ranking, long id) {
        Map<String, Object> props = ranking == null
                ? Map.of("tuning.provider", name, "service.id", id, "service.bundleid", 7L)
                : Map.of("tuning.provider", name, "service.ranking", ranking, "service.id", id,
                        "service.bundleid", 7L);
        return RankedProvider.of(props, new NoopTuningProvider());
    }

    @Test
    void highestRankingWinsAndTiesGoToTheLowestServiceId() {
        List<RankedProvider> list = new ArrayList<>(List.of(provider("noop", -1000, 3), provider("late", 100, 9),
                provider("jnr", 100, 5), provider("plain", null, 1)));
        list.sort(RankedProvider.RESOLUTION_ORDER);
        assertEquals(List.of("jnr", "late", "plain", "noop"), list.stream().map(RankedProvider::name).toList());
    }

    @Test
    void aRankingThatIsNotAnIntegerCountsAsZero() {
        RankedProvider p = provider("odd", "500", 4);
        assertEquals(0, p.ranking());
        assertEquals(4, p.serviceId());
        assertEquals(7, p.bundleId());
    }
}
