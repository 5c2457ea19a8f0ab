package io.v2e.nats.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import io.v2e.config.tuning.IoClassName;

/**
 * The NATS bridge's configuration (PID {@value NatsBridgeComponent#PID}). A double underscore in a
 * method name is one underscore in the key ({@code subject__prefix} is {@code subject_prefix}).
 */
// pid given here, not by @Designate: the component also reads the provider selection's PID, and
// @Designate needs a component with exactly one
@ObjectClassDefinition(pid = NatsBridgeComponent.PID, name = "v2e NATS bridge", description = "Connects this container's broker to a NATS cluster: "
        + "exported local endpoints are served on NATS, endpoints other hosts export become remote endpoints here. "
        + "Off unless enabled. A changed configuration reconnects; a bad value is rejected (logged) and the previous "
        + "configuration stays in force.")
@interface NatsConfig {

    @AttributeDefinition(name = "enabled", description = "Connect to NATS at all (off by default).")
    boolean enabled() default false;

    @AttributeDefinition(name = "servers", description = "Comma-separated NATS server URLs (nats://host:port, "
            + "tls://host:port); the client fails over between them and to servers the cluster announces.")
    String servers() default "nats://127.0.0.1:4222";

    @AttributeDefinition(name = "host_name", description = "This host's name in the cluster: letters, digits and '-', "
            + "not starting with '-'; empty = the machine's host name (its first label, cleaned to those characters). "
            + "Other hosts reach this host's endpoints as NAME@host_name.")
    String host__name() default "";

    @AttributeDefinition(name = "connection_name", description = "The name the NATS server shows for this connection; "
            + "empty = v2e-<host_name>.")
    String connection__name() default "";

    @AttributeDefinition(name = "subject_prefix", description = "First token(s) of every subject the bridge uses "
            + "(PREFIX.NAME, PREFIX.HOST.NAME, PREFIX._hosts.*); hosts share endpoints only under the same prefix.")
    String subject__prefix() default "v2e";

    @AttributeDefinition(name = "export", description = "Which local endpoints are served on NATS: * = all (every "
            + "endpoint of this container - in-container, socket-connected or supervised - except remote ones), a "
            + "comma-separated list of names, or empty = none. Names with '.', '@', '*', '>' or whitespace cannot be "
            + "subjects and are not exported (logged).")
    String export() default "*";

    @AttributeDefinition(name = "import_enabled", description = "Register the endpoints other hosts export as remote "
            + "endpoints of this broker (NAME and NAME@HOST).")
    boolean import__enabled() default true;

    @AttributeDefinition(name = "queue_group", description = "NATS queue group of the PREFIX.NAME subscriptions: "
            + "hosts serving the same name in the same group share its requests.")
    String queue__group() default "v2e";

    @AttributeDefinition(name = "request_timeout_ms", description = "How long a request sent to another host waits "
            + "for its answer before the caller gets a timeout error, in ms (>= 1); also the longest wait of an "
            + "incoming NATS request for the local endpoint's answer.")
    long request__timeout__ms() default 5000;

    @AttributeDefinition(name = "heartbeat_ms", description = "Interval of this host's announcement (its exported "
            + "endpoints) on PREFIX._hosts.announce, in ms (>= 50).")
    long heartbeat__ms() default 1000;

    @AttributeDefinition(name = "heartbeat_misses", description = "Announcements a host may miss before its remote "
            + "endpoints are removed here (>= 1); a host that stops cleanly says so at once.")
    int heartbeat__misses() default 3;

    @AttributeDefinition(name = "connection_timeout_ms", description = "Timeout of one connection attempt, in ms.")
    long connection__timeout__ms() default 2000;

    @AttributeDefinition(name = "reconnect_wait_ms", description = "Wait before trying a server again after it "
            + "failed, in ms.")
    long reconnect__wait__ms() default 250;

    @AttributeDefinition(name = "max_reconnects", description = "Reconnect attempts before the bridge gives up on "
            + "the connection (-1 = never give up).")
    int max__reconnects() default -1;

    @AttributeDefinition(name = "username", description = "User name for user/password authentication (empty = none).")
    String username() default "";

    @AttributeDefinition(name = "password", description = "Password for user/password authentication.", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "token", description = "Token authentication (empty = none).", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String token() default "";

    @AttributeDefinition(name = "credentials_file", description = "A NATS .creds file (user JWT and NKey seed, "
            + "decentralised auth; empty = none).")
    String credentials__file() default "";

    @AttributeDefinition(name = "tls", description = "Use TLS: with tls_truststore empty, the JVM's default trust "
            + "(a tls:// server URL also turns it on).")
    boolean tls() default false;

    @AttributeDefinition(name = "tls_first", description = "Start TLS before the server's INFO (server option "
            + "handshake_first).")
    boolean tls__first() default false;

    @AttributeDefinition(name = "tls_keystore", description = "Key store (client certificate) for TLS, a file path; empty = none.")
    String tls__keystore() default "";

    @AttributeDefinition(name = "tls_keystore_password", description = "Password of tls_keystore.", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String tls__keystore__password() default "";

    @AttributeDefinition(name = "tls_truststore", description = "Trust store for TLS, a file path; empty = the JVM's default.")
    String tls__truststore() default "";

    @AttributeDefinition(name = "tls_truststore_password", description = "Password of tls_truststore.", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String tls__truststore__password() default "";

    @AttributeDefinition(name = "thread_cpus", description = "Linux cpulist the bridge's threads (NATS reader, "
            + "writer, dispatcher, callbacks; all from the bound tuning provider) are pinned to; empty = every CPU "
            + "the provider allows this process.")
    String thread__cpus() default "";

    @AttributeDefinition(name = "thread_nice", description = "Nice value -20..19 each bridge thread sets on itself "
            + "(lowering it needs CAP_SYS_NICE). Default 0: the transport measurements (broker README) showed "
            + "negative nice on threads that share the CPUs of what they serve costing throughput.")
    int thread__nice() default 0;

    @AttributeDefinition(name = "thread_io_class", description = "I/O scheduling class of the bridge threads "
            + "(none: leave it as inherited).",
            options = {@Option(value = "realtime"), @Option(value = "best_effort"), @Option(value = "idle"), @Option(value = "none")})
    IoClassName thread__io__class() default IoClassName.none;

    @AttributeDefinition(name = "thread_io_level", description = "I/O priority level 0 (highest)..7 of realtime and best_effort.")
    int thread__io__level() default 4;
}
