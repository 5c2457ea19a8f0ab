package io.v2e.readiness.internal;

import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * A Declarative Services component is up: one of its configurations is active (or satisfied, for a
 * delayed component, which activates on first use). Asks the Service Component Runtime, so the check
 * needs no API of the component's bundle and names why it is not up (failed activation, a missing
 * reference, a missing required configuration).
 */
final class ComponentCheck implements Check {

    private final Supplier<ServiceComponentRuntime> runtime;
    private final String name;

    ComponentCheck(Supplier<ServiceComponentRuntime> runtime, String name) {
        this.runtime = runtime;
        this.name = name;
    }

    @Override
    public String waitingFor(boolean firstTime) {
        ServiceComponentRuntime scr = runtime.get();
        if (scr == null) {
            return "component " + name + ": no ServiceComponentRuntime service";
        }
        ComponentDescriptionDTO description = null;
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (name.equals(d.name)) {
                description = d;
                break;
            }
        }
        if (description == null) {
            return "component " + name + ": not installed (no bundle declares it)";
        }
        if (!scr.isComponentEnabled(description)) {
            return "component " + name + ": disabled";
        }
        String why = "no configuration yet";
        for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(description)) {
            if (c.state == ComponentConfigurationDTO.ACTIVE
                    || (c.state == ComponentConfigurationDTO.SATISFIED && !description.immediate)) {
                return null;
            }
            why = describe(c);
        }
        return "component " + name + ": " + why;
    }

    private static String describe(ComponentConfigurationDTO c) {
        switch (c.state) {
            case ComponentConfigurationDTO.FAILED_ACTIVATION:
                return "activation failed: " + firstLine(c.failure);
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                return "waiting for " + java.util.Arrays.stream(c.unsatisfiedReferences)
                        .map(ComponentCheck::describe).collect(Collectors.joining(", "));
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return "waiting for its required configuration";
            case ComponentConfigurationDTO.SATISFIED:
                return "satisfied, not activated yet";
            default:
                return "state " + c.state;
        }
    }

    private static String describe(UnsatisfiedReferenceDTO r) {
        return "reference " + r.name + (r.target == null ? "" : " " + r.target);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no reason given)";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).trim();
    }
}
