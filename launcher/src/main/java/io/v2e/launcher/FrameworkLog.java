package io.v2e.launcher;

import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;

/**
 * Felix's own log (resolver, bundle start failures; {@code felix.log.logger}) as logback logger
 * {@code org.apache.felix.framework}. Felix filters by its numeric level before calling here, so
 * that level follows the logger's effective logback level, also after a live reload (from
 * {@link #attach}; until then Felix's configured level, errors only, applies).
 * Called by any framework thread; a record that comes before logback is configured waits for it.
 */
final class FrameworkLog extends org.apache.felix.framework.Logger implements LoggerContextListener {

    static final String LOGGER = "org.apache.felix.framework";

    private final Supplier<LoggerContext> context;
    private volatile ch.qos.logback.classic.Logger logger;

    FrameworkLog(Supplier<LoggerContext> context) {
        this.context = context;
    }

    /** Once logback is configured: take over its level and follow it. */
    void attach() {
        LoggerContext ctx = context.get();
        logger();
        syncLevel();
        ctx.addListener(this);
    }

    private ch.qos.logback.classic.Logger logger() {
        ch.qos.logback.classic.Logger l = logger;
        if (l == null) {
            l = context.get().getLogger(LOGGER);
            logger = l;
        }
        return l;
    }

    /** Felix's numeric level (1 error .. 4 debug) for the logger's effective level. */
    int felixLevel() {
        Level level = logger().getEffectiveLevel();
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return level == Level.OFF ? 0 : LOG_ERROR;
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return LOG_WARNING;
        }
        return level.isGreaterOrEqual(Level.INFO) ? LOG_INFO : LOG_DEBUG;
    }

    private void syncLevel() {
        setLogLevel(felixLevel());
    }

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        String text = bundle == null ? msg : msg + " [" + bundle.getSymbolicName() + " " + bundle.getBundleId() + "]";
        if (sr != null) {
            text = text + " " + sr;
        }
        ch.qos.logback.classic.Logger logger = logger();
        switch (level) {
            case LOG_ERROR:
                logger.error(text, throwable);
                break;
            case LOG_WARNING:
                logger.warn(text, throwable);
                break;
            case LOG_INFO:
                logger.info(text, throwable);
                break;
            default:
                logger.debug(text, throwable);
                break;
        }
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onStart(LoggerContext context) {
        syncLevel();
    }

    @Override
    public void onReset(LoggerContext context) {
        syncLevel();
    }

    @Override
    public void onStop(LoggerContext context) {
        // nothing to release
    }

    @Override
    public void onLevelChange(ch.qos.logback.classic.Logger changed, Level level) {
        syncLevel();
    }
}
