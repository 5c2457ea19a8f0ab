package io.v2e.process.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The permit pool and its revocation policy (PID {@value PermitsComponent#PID}, etc/io.v2e.permits.cfg). */
@ObjectClassDefinition(name = "v2e permits and kernel metrics", description = "The global permit pool of"
        + " RPCRequestPermits / RPCReleasePermits, the RPCGetKernelMetrics measurement and when permits are revoked.")
@interface PermitsConfig {

    @AttributeDefinition(name = "total_permits", description = "Permits in the global pool.")
    int total__permits() default 64;

    @AttributeDefinition(name = "interval_ms", description = "How often the kernel metrics are measured and the limits checked.")
    long interval__ms() default 1000;

    @AttributeDefinition(name = "p99_limit_ms", description = "A recent-window p99 routing latency above this is a breach.")
    long p99__limit__ms() default 50;

    @AttributeDefinition(name = "saturation_limit_percent", description = "A fullest endpoint queue above this percent of"
            + " the broker's queue_capacity is a breach.")
    int saturation__limit__percent() default 80;

    @AttributeDefinition(name = "consecutive_breaches", description = "Breaches in a row before permits are revoked;"
            + " as many healthy measurements in a row give the revoked permits back to the pool.")
    int consecutive__breaches() default 3;

    @AttributeDefinition(name = "revoke_percent", description = "Share of the allocated permits revoked at once (1..100).")
    int revoke__percent() default 50;
}
