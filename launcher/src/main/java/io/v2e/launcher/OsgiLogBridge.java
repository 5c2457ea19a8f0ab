package io.v2e.launcher;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.spi.LoggingEvent;

/**
 * Feeds the OSGi Log Service (Felix Log, started just before this with the system bundle) into
 * logback, and makes the OSGi loggers' levels follow logback's, so the logging file is the one
 * place where levels are set, live.
 * <ul>
 * <li>Every log entry becomes a logback event of the entry's logger, keeping its time and thread.
 * The spec's catch-all loggers get the bundle's symbolic name appended, so they can be levelled
 * per bundle: {@code Events.Bundle.<bsn>}, {@code Events.Service.<bsn>},
 * {@code Events.Framework.<bsn>}, {@code LogService.<bsn>} (bundles on the old LogService API);
 * a bundle's root logger (SCR logs there) becomes {@code <bsn>}.</li>
 * <li>The levels of the OSGi root logger context are set from logback's configured levels at
 * start and after every reload, so a bundle's {@code logger.isDebugEnabled()} answers what the
 * file says; the four catch-all loggers are opened fully and filtered here, per bundle.</li>
 * </ul>
 * A system bundle activator (Felix {@code felix.systembundle.activators}), not a bundle: it lives
 * on the launcher's class path next to logback. Logback may still be configuring while the
 * framework initialises: levels are synced from {@link #attach} on, and an entry that comes before
 * that waits for the configuration. {@link #logged} runs on Felix Log's delivery thread; the level
 * updates run on the launcher's main thread and logback's reload thread.
 */
final class OsgiLogBridge implements BundleActivator, LogListener, LoggerContextListener {

    private static final String FQCN = OsgiLogBridge.class.getName();
    private static final String[] PER_BUNDLE = {"Events.Bundle", "Events.Service", "Events.Framework", "LogService"};

    private final Supplier<ch.qos.logback.classic.LoggerContext> logbackReady;
    private volatile ch.qos.logback.classic.LoggerContext logback;
    private volatile LoggerContext osgiLevels;
    private LogReaderService reader;
    private BundleContext context;

    OsgiLogBridge(Supplier<ch.qos.logback.classic.LoggerContext> logback) {
        this.logbackReady = logback;
    }

    /** Once logback is configured: copy its levels into the OSGi context and follow its reloads. */
    void attach() {
        ch.qos.logback.classic.LoggerContext ctx = logbackReady.get();
        logback = ctx;
        ctx.addListener(this);
        syncLevels();
    }

    @Override
    public void start(BundleContext bundleContext) {
        this.context = bundleContext;
        ServiceReference<LoggerAdmin> adminRef = bundleContext.getServiceReference(LoggerAdmin.class);
        ServiceReference<LogReaderService> readerRef = bundleContext.getServiceReference(LogReaderService.class);
        if (adminRef == null || readerRef == null) {
            throw new IllegalStateException("the OSGi Log Service (org.apache.felix.log) is not registered; it must"
                    + " come before this bridge in felix.systembundle.activators");
        }
        osgiLevels = bundleContext.getService(adminRef).getLoggerContext(null);
        syncLevels();
        reader = bundleContext.getService(readerRef);
        reader.addLogListener(this);
    }

    @Override
    public void stop(BundleContext bundleContext) {
        ch.qos.logback.classic.LoggerContext ctx = logback;
        if (ctx != null) {
            ctx.removeListener(this);
        }
        if (reader != null) {
            reader.removeLogListener(this);
            reader = null;
        }
        context = null;
    }

    @Override
    public void logged(LogEntry entry) {
        String name = loggerName(entry);
        Logger logger = logbackReady.get().getLogger(name);
        Level level = levelOf(entry.getLogLevel());
        if (entry.getLogLevel() != LogLevel.AUDIT && !logger.isEnabledFor(level)) {
            return;
        }
        String message = entry.getMessage();
        if (name.startsWith("Events.Service.") && entry.getServiceReference() != null) {
            message = message + " " + entry.getServiceReference();
        }
        LoggingEvent event = new LoggingEvent(FQCN, logger, level, message, entry.getException(), null);
        event.setTimeStamp(entry.getTime());
        event.setThreadName(entry.getThreadInfo());
        logger.callAppenders(event);
    }

    static String loggerName(LogEntry entry) {
        String name = entry.getLoggerName();
        Bundle bundle = entry.getBundle();
        String bsn = bundle == null ? null : bundle.getSymbolicName();
        if (bsn == null) {
            return name;
        }
        if (org.osgi.service.log.Logger.ROOT_LOGGER_NAME.equals(name)) {
            return bsn;                          // a bundle's unnamed logger (SCR's): named after the bundle
        }
        for (String catchAll : PER_BUNDLE) {
            if (catchAll.equals(name)) {
                return name + "." + bsn;
            }
        }
        return name;
    }

    static Level levelOf(LogLevel level) {
        switch (level) {
            case AUDIT:
            case INFO:
                return Level.INFO;
            case ERROR:
                return Level.ERROR;
            case WARN:
                return Level.WARN;
            case DEBUG:
                return Level.DEBUG;
            default:
                return Level.TRACE;
        }
    }

    static LogLevel logLevelOf(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return LogLevel.ERROR;
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return LogLevel.WARN;
        }
        if (level.isGreaterOrEqual(Level.INFO)) {
            return LogLevel.INFO;
        }
        return level.isGreaterOrEqual(Level.DEBUG) ? LogLevel.DEBUG : LogLevel.TRACE;
    }

    /** OSGi levels = logback's configured levels; the catch-all loggers open (filtered in {@link #logged}). */
    private void syncLevels() {
        LoggerContext levels = osgiLevels;
        ch.qos.logback.classic.LoggerContext ctx = logback;
        if (levels == null || ctx == null) {
            return;
        }
        Map<String, LogLevel> map = new HashMap<>();
        for (Logger logger : ctx.getLoggerList()) {
            Level level = logger.getLevel();
            if (level != null) {
                String name = Logger.ROOT_LOGGER_NAME.equals(logger.getName())
                        ? org.osgi.service.log.Logger.ROOT_LOGGER_NAME : logger.getName();
                map.put(name, logLevelOf(level));
            }
        }
        for (String catchAll : PER_BUNDLE) {
            map.put(catchAll, LogLevel.TRACE);
        }
        levels.setLogLevels(map);
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onStart(ch.qos.logback.classic.LoggerContext ctx) {
        syncLevels();
    }

    @Override
    public void onReset(ch.qos.logback.classic.LoggerContext ctx) {
        syncLevels();
    }

    @Override
    public void onStop(ch.qos.logback.classic.LoggerContext ctx) {
        // the framework stops separately
    }

    @Override
    public void onLevelChange(Logger logger, Level level) {
        syncLevels();
    }
}
