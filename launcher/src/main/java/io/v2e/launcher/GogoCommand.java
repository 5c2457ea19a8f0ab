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
 * Before running, it waits for the service that provides the command (scope and function), since
 * Declarative Services and FileInstall may register it a little after boot. The wait ends when
 * the service appears, when no service has come or gone for the settle time (nothing more is on
 * its way: the command does not exist), or at the overall bound. Once it is there, the command
 * still waits until the registry has been quiet for the quiet time (bounded by the same overall
 * bound): Declarative Services registers the components of later bundles - the tuning providers,
 * the broker - a moment after the command's own, and a command must see the container whole.
 */
final class GogoCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int UNKNOWN_COMMAND = 2;
    static final int NO_SHELL = 3;

    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    /** org.apache.felix.service.command.Converter.INSPECT: the detailed, multi-line form. */
    private static final int INSPECT = 0;
    private static final long POLL_MS = 20;

    private final BundleContext context;
    private final Duration wait;
    private final Duration settle;
    private final Duration quiet;

    GogoCommand(BundleContext context, Duration wait, Duration settle, Duration quiet) {
        this.context = context;
        this.wait = wait;
        this.settle = settle;
        this.quiet = quiet;
    }

    int run(CommandLine command, InputStream in, PrintStream out, PrintStream err) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        ServiceReference<?> processorRef = awaitService("(objectClass=" + PROCESSOR + ")", deadline);
        if (processorRef == null) {
            err.println("v2e: the Gogo shell runtime (org.apache.felix.gogo.runtime) did not start within "
                    + wait.toMillis() + " ms; see the log under log/");
            return NO_SHELL;
        }
        if (command.namesCommand() && awaitService(command.serviceFilter(), deadline) == null) {
            err.println("v2e: unknown command '" + command.name() + "': no service provides it ("
                    + command.serviceFilter() + "). List the commands with: bin/v2e help");
            return UNKNOWN_COMMAND;
        }
        awaitQuietRegistry(deadline);
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

    /** Returns once no service has come, changed or gone for the quiet time, or at the deadline. */
    private void awaitQuietRegistry(long deadline) throws InterruptedException {
        try (RegistryWatch watch = new RegistryWatch()) {
            if (!watch.watching) {
                return;
            }
            long now = System.nanoTime();
            while (now < deadline && !watch.quietFor(quiet, now)) {
                Thread.sleep(POLL_MS);
                now = System.nanoTime();
            }
        }
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
