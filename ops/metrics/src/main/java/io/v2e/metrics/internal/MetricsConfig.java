package io.v2e.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The metrics' configuration (PID {@value MetricsComponent#PID}); {@code a__b} is key {@code a_b}. */
@ObjectClassDefinition(name = "v2e metrics", description = "JMX MBeans of the broker (io.v2e:type=Broker, Endpoint, Worker). "
        + "The Prometheus text is served over HTTP by the optional bundle in opt/metrics (see its README).")
@interface MetricsConfig {

    @AttributeDefinition(description = "Register the JMX MBeans in the platform MBean server.")
    boolean jmx() default true;

    @AttributeDefinition(name = "jmx_refresh_ms", description = "How often the MBeans' values are refreshed, and MBeans "
            + "of new or gone endpoints and workers registered or unregistered (100..60000 ms).")
    int jmx__refresh__ms() default 2000;
}
