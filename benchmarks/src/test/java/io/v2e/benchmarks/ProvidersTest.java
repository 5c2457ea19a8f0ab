package io.v2e.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The providers come from ServiceLoader, found by name, activated as DS would. */
class ProvidersTest {

    @Test
    void everyProviderJarOnTheClassPathIsListedByName() {
        assertTrue(Providers.available().containsAll(java.util.List.of("jnr", "jna", "noop")), Providers.available().toString());
    }

    @Test
    void theNamedProviderIsCreatedActivated() {
        var jnr = Providers.create("jnr");
        assertEquals("jnr", jnr.name());
        assertTrue(jnr.threadNice().isPresent(), "an activated jnr provider reads the kernel: " + jnr.threadNice());
        assertEquals("noop", Providers.create("noop").name());
    }

    @Test
    void anUnknownNameIsRefusedListingTheKnownOnes() {
        String message = assertThrows(IllegalArgumentException.class, () -> Providers.create("jnx")).getMessage();
        assertTrue(message.startsWith("unknown provider 'jnx', on this class path: "), message);
        assertTrue(message.contains("jnr"), message);
    }
}
