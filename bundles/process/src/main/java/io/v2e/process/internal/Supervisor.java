package io.v2e.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.v2e.broker.api.Broker;
import io.v2e.broker.api.Endpoint;
import io.v2e.config.internal.ConfigCheck;
import io.v2e.config.internal.TypedConfig;
import io.v2e.process.api.ProcessList;
import io.v2e.process.api.ProcessLog;
import io.v2e.process.api.SpawnRequest;
import io.v2e.process.api.SpawnResponse;
import io.v2e.process.api.StopResponse;
import io.v2e.tuning.api.TuningProvider;

/**
 * Owns every supervised service by name, from configuration files ({@link ServiceComponent}) and
 * from the spawn RPCs ({@link ProcessRpc}); registers each running child as a broker endpoint.
 * On deactivation (container stop) every child gets SIGTERM, then SIGKILL after its
 * stop_timeout_ms, and only then does the launcher thread (the children's parent thread) end.
 * Threading: any thread; the map is concurrent; configuration changes (SCR threads) are serialised
 * by this component's monitor, which the RPCs never take (a change may be stopping a process for
 * seconds), so the map's atomic operations decide between a file and a spawn RPC.
 */
@Component(service = Supervisor.class)
public final class Supervisor {

    private static final Logger LOG = System.getLogger(Supervisor.class.getName());
    /** How long a spawn RPC waits for the process to start (socket mode: to connect as well). */
    private static final long SPAWN_WAIT_MS = 15_000;

    /** What a run needs from the container. */
    interface Context {
        Broker broker();

        /** The bound provider, or null. */
        TuningProvider provider();

        ChildRun.Registrar registrar();
    }

    private final Map<String, Service> services = new ConcurrentHashMap<>();
    private final Map<String, String> rejections = new ConcurrentHashMap<>();
    private volatile TuningProvider provider;
    private Broker broker;
    private ChildRun.Registrar registrar;
    private Launcher launcher;
    private final Context context = new Context() {
        @Override
        public Broker broker() {
            return broker;
        }

        @Override
        public TuningProvider provider() {
            return provider;
        }

        @Override
        public ChildRun.Registrar registrar() {
            return registrar;
        }
    };

    public Supervisor() {
    }

    /** Outside OSGi (tests): endpoints registered by {@code registrar}. */
    Supervisor(Broker broker, TuningProvider provider, ChildRun.Registrar registrar, Path setpriv) {
        this.broker = broker;
        this.provider = provider;
        this.registrar = registrar;
        this.launcher = new Launcher(setpriv);
    }

    @Reference
    void bindBroker(Broker b) {
        this.broker = b;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindProvider(TuningProvider p) {
        this.provider = p;
        // at boot noop often binds first and jnr a moment later: children started meanwhile get retuned
        CompletableFuture.runAsync(() -> {
            for (Service s : services.values()) {
                ChildRun r = s.runningChild();
                if (r != null) {
                    r.retuneIfIncomplete(p);
                }
            }
        });
    }

    void unbindProvider(TuningProvider p) {
        if (provider == p) {
            provider = null;
        }
    }

    @Activate
    void activate(BundleContext bundleContext) {
        this.registrar = (name, endpoint) -> {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Endpoint.NAME_PROPERTY, name);
            ServiceRegistration<Endpoint> reg = bundleContext.registerService(Endpoint.class, endpoint, props);
            return () -> {
                try {
                    reg.unregister();
                } catch (IllegalStateException e) {
                    // already gone with the bundle
                }
            };
        };
        Path setpriv = Launcher.findSetpriv();
        if (setpriv == null) {
            LOG.log(Level.WARNING, "setpriv (util-linux) not found: supervised processes are started without"
                    + " PR_SET_PDEATHSIG and outlive a SIGKILLed container");
        }
        this.launcher = new Launcher(setpriv);
    }

    /** Container stop: every child stopped (in parallel), then the launcher thread ends. */
    @Deactivate
    void deactivate() {
        stopAll();
    }

    void stopAll() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Service s : services.values()) {
            stops.add(CompletableFuture.runAsync(s::stop));
        }
        stops.forEach(CompletableFuture::join);
        services.clear();
        launcher.close();
    }

    // ---------------------------------------------------------------- configuration files

    /**
     * Applies a service's configuration: a new name starts it, a changed one restarts it with the
     * new settings. A bad configuration is refused (logged, listed) and changes nothing.
     *
     * @return null, or the rejection message
     */
    synchronized String configure(String name, Map<String, ?> props) {
        ServiceSettings settings;
        try {
            settings = settingsOf(name, props);
        } catch (IllegalArgumentException e) {
            String why = "configuration rejected: " + e.getMessage();
            rejections.put(name == null ? "?" : name, why);
            LOG.log(Level.ERROR, "service {0}: {1}; {2}", name, why,
                    services.containsKey(name) ? "the running one keeps its previous configuration" : "not started");
            return why;
        }
        Service current = services.get(name);
        if (current != null && current.origin() == Service.Origin.rpc) {
            String why = "configuration rejected: name '" + name + "' is held by a process spawned through an RPC"
                    + " (stop it with RPCStopProcess first)";
            rejections.put(name, why);
            LOG.log(Level.ERROR, "service {0}: {1}", name, why);
            return why;
        }
        rejections.remove(name);
        if (current != null) {
            if (current.settings().equals(settings)) {
                return null; // nothing changed (e.g. a touched file)
            }
            current.stop();
        }
        Service s = new Service(settings, Service.Origin.config, launcher, context, new ServiceLog(settings.logLines()));
        boolean placed = current != null ? services.replace(name, current, s) : services.putIfAbsent(name, s) == null;
        if (!placed) {
            String why = "configuration rejected: name '" + name + "' was taken by a spawn RPC meanwhile";
            rejections.put(name, why);
            LOG.log(Level.ERROR, "service {0}: {1}", name, why);
            return why;
        }
        s.start();
        return null;
    }

    /** The configuration was deleted: the service stops. */
    synchronized void unconfigure(String name) {
        rejections.remove(name);
        Service s = services.get(name);
        if (s != null && s.origin() == Service.Origin.config) {
            services.remove(name);
            s.stop();
        }
    }

    static ServiceSettings settingsOf(String name, Map<String, ?> props) {
        ConfigCheck.check(ProcessConfig.class, props);
        ProcessConfig c = TypedConfig.of(ProcessConfig.class, props);
        return ServiceSettings.of(name, c, props.get("args"), props.get("environment"));
    }

    // ---------------------------------------------------------------- RPCs

    /**
     * v2e's spawn RPCs: a service configured at run time (listed with origin rpc).
     *
     * @throws IllegalArgumentException missing id or command, a duplicate id, a failed start
     */
    SpawnResponse spawn(SpawnRequest request, ProcessConfig.TransportName transport, boolean withRestart) {
        if (request.id() == null || request.id().isBlank()) {
            throw new IllegalArgumentException("missing field 'id' (the process id is required)");
        }
        String name = request.id();
        Map<String, Object> props = new HashMap<>();
        props.put("command", request.command() == null ? "" : request.command());
        props.put("args", request.args() == null ? new String[0] : request.args().toArray(new String[0]));
        props.put("transport", transport.name());
        props.put("restart", withRestart ? "always" : "never");
        props.put("max_restarts", withRestart && request.maxRestarts() != null ? request.maxRestarts() : -1);
        if (services.containsKey(name)) {
            throw new IllegalArgumentException("process with id '" + name + "' already exists");
        }
        ServiceSettings settings = settingsOf(name, props);
        Service s = new Service(settings, Service.Origin.rpc, launcher, context, new ServiceLog(settings.logLines()));
        // not under this component's monitor: a configuration change may be stopping a process meanwhile
        if (services.putIfAbsent(name, s) != null) {
            throw new IllegalArgumentException("process with id '" + name + "' already exists");
        }
        s.start();
        try {
            ChildRun run = s.firstStart().get(SPAWN_WAIT_MS, TimeUnit.MILLISECONDS);
            return new SpawnResponse(name, run.pid(), run.isAlive() ? "running" : "exited");
        } catch (ExecutionException e) {
            throw new IllegalArgumentException("failed to start process: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            return new SpawnResponse(name, 0, "starting");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SpawnResponse(name, 0, "starting");
        }
    }

    /** RPCStopProcess: the stop begins now and ends within the service's stop timeout. */
    StopResponse stop(String name) {
        Service s = services.remove(requireKnown(name));
        if (s == null) {
            throw new IllegalArgumentException("no process with id '" + name + "' (stopped meanwhile)");
        }
        ChildRun r = s.run();
        CompletableFuture.runAsync(s::stop);
        return new StopResponse(name, r == null ? 0 : r.pid(), "stopping");
    }

    ProcessLog log(String name) {
        Service s = services.get(requireKnown(name));
        return new ProcessLog(name, s.log().dropped(), s.log().lines());
    }

    private String requireKnown(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("missing field 'id' (the process id is required)");
        }
        if (!services.containsKey(name)) {
            throw new IllegalArgumentException("no process with id '" + name + "' (known: "
                    + String.join(", ", new TreeSet<>(services.keySet())) + ")");
        }
        return name;
    }

    ProcessList list() {
        TreeSet<String> names = new TreeSet<>(services.keySet());
        names.addAll(rejections.keySet());
        List<ProcessList.Entry> entries = new ArrayList<>();
        TuningProvider p = provider;
        for (String name : names) {
            Service s = services.get(name);
            String rejection = rejections.get(name);
            if (s == null) {
                entries.add(new ProcessList.Entry(name, Service.Origin.config.name(), null, null, "rejected", null, 0, 0,
                        null, null, null, rejection, Map.of(), Map.of(), null));
                continue;
            }
            ServiceSettings st = s.settings();
            ChildRun live = s.runningChild();
            ChildRun last = s.run();
            entries.add(new ProcessList.Entry(name, s.origin().name(), st.transport().name(),
                    st.socket() == null ? null : st.socket().toString(), s.state().name(),
                    live == null ? null : live.pid(), s.restarts(), st.maxRestarts(), st.restart().name(),
                    live == null ? null : System.currentTimeMillis() - live.startedMillis(), s.lastExit(),
                    rejection != null ? rejection : s.lastError(), s.tuning(),
                    last == null ? Map.of() : last.ioThreadTuning(), live == null ? null : ProcView.of(live.pid(), p)));
        }
        Path setpriv = launcher.setpriv();
        return new ProcessList(setpriv == null ? null : setpriv.toString(), entries);
    }

    /** For tests: the service of a name, or null. */
    Service service(String name) {
        return services.get(name);
    }
}
