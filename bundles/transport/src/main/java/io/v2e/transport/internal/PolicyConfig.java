package io.v2e.transport.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The transport's authorization policy (PID {@value TransportComponent#POLICY_PID}, file
 * {@code etc/io.v2e.transport.policy.cfg}): which external callers may send requests and events to
 * which targets and broker RPCs. A double underscore in a method name is one underscore in the key.
 */
@ObjectClassDefinition(pid = TransportComponent.POLICY_PID, name = "v2e transport policy", description = "Which "
        + "external callers (connection name or conn-ID, peer user) may send requests and events to which targets "
        + "(target broker: the broker's own RPCs, method = the message id). Rules are tried in order, the first that "
        + "matches decides; none matching: default_action. No rules and default_action allow (the default): open. "
        + "Applies live to every connection; an invalid policy refuses every external request and event until it "
        + "is fixed (fail closed). Naming (RPCRegister, subprocess_ready) and answers are not governed by it.")
@interface PolicyConfig {

    @AttributeDefinition(name = "rules", description = "Rules separated by ';', each 'allow' or 'deny' followed by "
            + "any of caller=NAME, user=USER, group=GROUP, target=NAME, method=ID (absent: any; '*' matches any characters, "
            + "e.g. caller=conn-* for connections without a name). user and group are the peer's user and "
            + "primary group names as SO_PEERCRED says; a TCP peer has none, so a rule with user= or group= never matches it. Example: "
            + "'deny caller=conn-* target=broker method=RPCGetMessageCount; allow user=billing target=billing; "
            + "deny target=billing'.")
    String[] rules() default {};

    @AttributeDefinition(name = "default_action", description = "What happens to a request or event no rule matches.",
            options = {@Option(value = "allow", label = "allow (open unless a rule denies)"),
                    @Option(value = "deny", label = "deny (closed unless a rule allows)")})
    AccessPolicy.Action default__action() default AccessPolicy.Action.allow;
}
