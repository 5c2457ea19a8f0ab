package io.v2e.launcher;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * Runs one command line through the Gogo {@code CommandProcessor} service, the way the interactive
 * shell would, and reports an exit status. Gogo's API lives inside the framework (exported by the
 * gogo.runtime bundle), so it is reached by reflection through that bundle's class loader rather
 * than shared with the launcher's class path.
 * <p>
 * Before running, it waits until the container is ready: the OSGi condition service with
 * {@code osgi.condition.id} = the configured id ({@code v2e.ready}, which the readiness bundle
 * registers once the broker's workers are tuned and the configured components and endpoints are up).
 * Past the overall bound it gives up with the readiness service's list of what is still missing.
 * Then it looks for the service that provides the command (scope and function): a command of a
 * bundle outside the readiness checks (deploy/) may come a moment later, so a missing one is
 * declared unknown once no service has come or gone for the settle time, or at the overall bound.
 */
final class GogoCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int UNKNOWN_COMMAND = 2;
    static final int NO_SHELL = 3;
    static final int NOT_READY = 3;

    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    private static final String CONDITION = "org.osgi.service.condition.Condition";
    /** io.v2e.readiness.api.Readiness and its WAITING_FOR_PROPERTY (read from the reference: no class needed). */
    private static final String READINESS = "io.v2e.readiness.api.Readiness";
    private static final String WAITING_FOR = "v2e.readiness.waiting_for";
    /** org.apache.felix.service.command.Converter.INSPECT: the detailed, multi-line form. */
    private static final int INSPECT = 0;
    private static final long POLL_MS = 20;

    private final BundleContext context;
    private final Duration wait;
    private final Duration settle;
    private final String readyCondition;

    /** @param readyCondition the {@code osgi.condition.id} to wait for; empty: do not wait */
    GogoCommand(BundleContext context, Duration wait, Duration settle, String readyCondition) {
        this.context = context;
        this.wait = wait;
        this.settle = settle;
        this.readyCondition = readyCondition;
    }

    int run(CommandLine command, InputStream in, PrintStream out, PrintStream err) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        ServiceReference<?> processorRef = awaitService("(objectClass=" + PROCESSOR + ")", deadline);
        if (processorRef == null) {
            err.println("v2e: the Gogo shell runtime (org.apache.felix.gogo.runtime) did not start within "
                    + wait.toMillis() + " ms; see the log under log/");
            return NO_SHELL;
        }
        if (!readyCondition.isEmpty() && !awaitReady(deadline)) {
            err.println("v2e: the container was not ready within " + wait.toMillis() + " ms (no condition service "
                    + "osgi.condition.id=" + readyCondition + "); " + waitingFor() + ". See the log under log/");
            return NOT_READY;
        }
        if (command.namesCommand() && awaitService(command.serviceFilter(), deadline) == null) {
            err.println("v2e: unknown command '" + command.name() + "': no service provides it ("
                    + command.serviceFilter() + "). List the commands with: bin/v2e help");
            return UNKNOWN_COMMAND;
        }
        Object processor = context.getService(processorRef);
        if (processor == null) {
            err.println("v2e: the Gogo CommandProcessor service went away before the command ran");
            return NO_SHELL;
        }
        try {
            return execute(processorRef.getBundle(), processor, command, in, out, err);
        } finally {
            context.ungetService(processorRef);
        }
    }

    private int execute(Bundle gogo, Object processor, CommandLine command, InputStream in, PrintStream out,
            PrintStream err) {
        Object session = null;
        Method close = null;
        try {
            Class<?> processorType = gogo.loadClass(PROCESSOR);
            Class<?> sessionType = gogo.loadClass(SESSION);
            session = processorType.getMethod("createSession", InputStream.class, OutputStream.class,
                    OutputStream.class).invoke(processor, in, out, err);
            close = sessionType.getMethod("close");
            Object result = sessionType.getMethod("execute", CharSequence.class).invoke(session, command.line());
            if (result != null) {
                CharSequence text = result instanceof CharSequence ? (CharSequence) result
                        : (CharSequence) sessionType.getMethod("format", Object.class, int.class)
                                .invoke(session, result, INSPECT);
                out.print(text);
                if (text.length() == 0 || text.charAt(text.length() - 1) != '\n') {
                    out.println();
                }
            }
            out.flush();
            return OK;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            out.flush();
            if (cause != null && "CommandNotFoundException".equals(cause.getClass().getSimpleName())) {
                err.println("v2e: unknown command: " + cause.getMessage());
                return UNKNOWN_COMMAND;
            }
            err.println("v2e: " + command.name() + " failed: " + describe(cause));
            return FAILED;
        } catch (ReflectiveOperationException e) {
            err.println("v2e: cannot drive the Gogo shell runtime: " + e);
            return NO_SHELL;
        } finally {
            if (session != null && close != null) {
                try {
                    close.invoke(session);
                } catch (ReflectiveOperationException ignored) {
                    // the session only holds streams we still own
                }
            }
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "(no cause)";
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getName() : message;
    }

    /** Polls for the readiness condition until {@code deadline}; false if it did not come. */
    private boolean awaitReady(long deadline) throws InterruptedException {
        String filter = "(&(objectClass=" + CONDITION + ")(osgi.condition.id=" + readyCondition + "))";
        while (true) {
            try {
                ServiceReference<?>[] refs = context.getServiceReferences((String) null, filter);
                if (refs != null && refs.length > 0) {
                    return true;
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException("bad readiness condition id '" + readyCondition + "': " + e.getMessage());
            } catch (IllegalStateException stopping) {
                return false;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** What the readiness service says is missing, for the timeout message. */
    private String waitingFor() {
        ServiceReference<?> ref;
        try {
            ref = context.getServiceReference(READINESS);
        } catch (IllegalStateException stopping) {
            ref = null;
        }
        if (ref == null) {
            return "no " + READINESS + " service either (is the io.v2e.readiness bundle in bundle/?)";
        }
        Object waiting = ref.getProperty(WAITING_FOR);
        return "still waiting for: " + (waiting instanceof String[] ? String.join("; ", (String[]) waiting) : waiting);
    }

    /**
     * Waits for a service matching {@code filter}; gives up at {@code deadline}, or once the
     * service registry has been quiet for the settle time.
     */
    private ServiceReference<?> awaitService(String filter, long deadline) throws InterruptedException {
        try (RegistryWatch watch = new RegistryWatch()) {
            if (!watch.watching) {
                return null;
            }
            while (true) {
                ServiceReference<?>[] refs = context.getServiceReferences((String) null, filter);
                if (refs != null && refs.length > 0) {
                    return refs[0];
                }
                long now = System.nanoTime();
                if (now >= deadline || watch.quietFor(settle, now)) {
                    return null;
                }
                Thread.sleep(POLL_MS);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad command name, filter " + filter + ": " + e.getMessage());
        }
    }

    /** When the service registry last changed, watched from its creation until closed. */
    private final class RegistryWatch implements AutoCloseable {

        private final AtomicLong lastChange = new AtomicLong(System.nanoTime());
        private final ServiceListener listener = event -> lastChange.set(System.nanoTime());
        /** False when the framework is stopping (the context no longer takes listeners). */
        final boolean watching;

        RegistryWatch() {
            boolean added;
            try {
                context.addServiceListener(listener);
                added = true;
            } catch (IllegalStateException e) {
                added = false;
            }
            watching = added;
        }

        boolean quietFor(Duration quietTime, long now) {
            return now - lastChange.get() >= quietTime.toNanos();
        }

        @Override
        public void close() {
            if (watching) {
                context.removeServiceListener(listener);
            }
        }
    }
}
