package io.v2e.shell.internal;

import java.util.Comparator;
import java.util.Map;

import org.osgi.framework.Constants;

import io.v2e.tuning.api.TuningProvider;

/**
 * One registered provider with the service properties that decide which one a consumer gets.
 *
 * @param name       the provider's {@code tuning.provider} property (its name() when absent)
 * @param ranking    {@code service.ranking}, 0 when absent or not an Integer (the OSGi rule)
 * @param serviceId  {@code service.id}
 * @param bundleId   {@code service.bundleid} of the registering bundle, -1 when unknown
 * @param provider   the service object
 */
record RankedProvider(String name, int ranking, long serviceId, long bundleId, TuningProvider provider) {

    /**
     * The OSGi order for picking one service: highest service.ranking first, ties to the lowest
     * service.id (the oldest registration) - what BundleContext.getServiceReference returns.
     */
    static final Comparator<RankedProvider> RESOLUTION_ORDER =
            Comparator.comparingInt(RankedProvider::ranking).reversed()
                    .thenComparingLong(RankedProvider::serviceId);

    static RankedProvider of(Map<String, ?> properties, TuningProvider provider) {
        Object name = properties.get(TuningProvider.PROVIDER_NAME_PROPERTY);
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object id = properties.get(Constants.SERVICE_ID);
        Object bundle = properties.get(Constants.SERVICE_BUNDLEID);
        return new RankedProvider(name == null ? provider.name() : name.toString(),
                ranking instanceof Integer ? (Integer) ranking : 0,
                id instanceof Long ? (Long) id : Long.MAX_VALUE,
                bundle instanceof Long ? (Long) bundle : -1L,
                provider);
    }
}
