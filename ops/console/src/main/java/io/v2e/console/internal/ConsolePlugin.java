package io.v2e.console.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.readiness.api.Readiness;

/**
 * The Felix Web Console plugin {@code /system/console/v2e}: a plain {@code jakarta.servlet.Servlet}
 * service with the console's label and title properties, so the console draws its frame around the
 * page and answers its other paths itself ({@code v2e/res/*} from this bundle's {@code /res/}).
 * {@code v2e/data.json} answers the {@link Snapshot} as JSON, the page's script reads it.
 * <p>
 * Threading: the HTTP server's request threads; the only state is the settings, replaced whole.
 */
@org.osgi.service.cm.annotations.RequireConfigurationAdmin
@Component(service = Servlet.class, configurationPid = ConsolePlugin.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { "felix.webconsole.label=" + ConsolePlugin.LABEL, "felix.webconsole.title=v2e broker",
                "felix.webconsole.category=v2e" })
@Designate(ocd = ConsoleConfig.class)
public final class ConsolePlugin extends HttpServlet {

    static final String PID = "io.v2e.console";
    static final String LABEL = "v2e";
    /** Set by the Web Console on every request to a plugin: {@code /system/console/v2e}. */
    static final String PLUGIN_ROOT = "felix.webconsole.pluginRoot";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = System.getLogger("io.v2e.console");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile Readiness readiness;

    private final transient SnapshotReader reader;
    private transient volatile ConsoleSettings settings = ConsoleSettings.DEFAULTS;

    @Activate
    public ConsolePlugin(@Reference Broker broker, ConsoleConfig config) {
        this.reader = new SnapshotReader(broker);
        modified(config);
    }

    @Modified
    void modified(ConsoleConfig config) {
        try {
            settings = ConsoleSettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "PID " + PID + ": " + e.getMessage() + "; the page keeps " + settings);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsoleSettings now = settings;
        Snapshot snapshot = reader.take(now.transportTimeoutMillis(), readiness);
        response.setHeader("Cache-Control", "no-store");
        if (request.getRequestURI().endsWith("/" + ConsolePage.DATA)) {
            byte[] body = RpcJson.write(snapshot).getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        // the console has started the HTML response (its header) on the writer: the page goes into the same writer
        response.getWriter().write(ConsolePage.render(snapshot, now, pluginRoot(request)));
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(PLUGIN_ROOT);
        return root instanceof String ? (String) root : request.getContextPath() + request.getServletPath() + "/" + LABEL;
    }
}
