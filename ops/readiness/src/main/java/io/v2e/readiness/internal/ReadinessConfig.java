package io.v2e.readiness.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The readiness checks' configuration (PID {@value ReadinessComponent#PID}); {@code a__b} is key {@code a_b}. */
@ObjectClassDefinition(name = "v2e readiness",
        description = "What must be up before the container is ready (condition osgi.condition.id=v2e.ready). "
                + "The broker with every worker tuned by the host's selected provider is always required.")
@interface ReadinessConfig {

    @AttributeDefinition(name = "required_components", description = "Declarative Services component names that must "
            + "be active (as scr:list names them); the default is the transport and the per-host provider selection. Empty: none.")
    String[] required__components() default {ReadinessSettings.TRANSPORT_COMPONENT, ReadinessSettings.SELECTION_COMPONENT};

    @AttributeDefinition(name = "required_endpoints", description = "Broker endpoint names that must be bound in the "
            + "broker (as broker:endpoints lists them), e.g. ssg. Empty: none.")
    String[] required__endpoints() default {};

    @AttributeDefinition(name = "check_interval_ms", description = "How often the checks run while not ready "
            + "(1..10000 ms); once ready they run every 10 intervals, to notice a loss.")
    int check__interval__ms() default 50;
}
