package io.v2e.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The page's configuration (PID {@value ConsolePlugin#PID}); {@code a__b} is key {@code a_b}. */
@ObjectClassDefinition(name = "v2e Web Console page", description = "The page /system/console/v2e of the Felix Web "
        + "Console (opt/console). Its user name and password are the Web Console's own (PID "
        + "org.apache.felix.webconsole.internal.servlet.OsgiManager).")
@interface ConsoleConfig {

    @AttributeDefinition(name = "refresh_ms", description = "How often the page fetches data.json and redraws the CPU "
            + "map and the latency plot (" + ConsoleSettings.MIN_REFRESH_MS + ".." + ConsoleSettings.MAX_REFRESH_MS + " ms).")
    int refresh__ms() default 1000;

    @AttributeDefinition(name = "plot_points", description = "How many samples the latency plot keeps (one per refresh; "
            + ConsoleSettings.MIN_PLOT_POINTS + ".." + ConsoleSettings.MAX_PLOT_POINTS + ").")
    int plot__points() default 120;

    @AttributeDefinition(name = "transport_timeout_ms", description = "How long data.json waits for the transport's "
            + "RPCGetTransportThreads answer (" + ConsoleSettings.MIN_TIMEOUT_MS + ".." + ConsoleSettings.MAX_TIMEOUT_MS
            + " ms); without it the CPU map shows the workers only and says why.")
    int transport__timeout__ms() default 1000;
}
