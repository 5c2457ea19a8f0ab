package io.v2e.config.tuning;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.v2e.tuning.api.Outcome;

/**
 * Logs a DENIED tuning outcome once per provider, kind of setting (numbers stripped: "nice #",
 * "affinity to CPU #") and errno, so a host without the privilege gets one warning, not one per
 * thread and retune. Threading: any thread.
 */
public final class DenialLog {

    private final Logger log;
    private final String component;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /** @param component what runs on regardless, for the message ("the broker", "the transport") */
    public DenialLog(Logger log, String component) {
        this.log = log;
        this.component = component;
    }

    public void note(String thread, String providerName, String setting, Outcome outcome) {
        if (outcome.status() == Outcome.Status.DENIED) {
            String kind = setting.replaceAll("[0-9/,-]+", "#");
            if (logged.add(providerName + '|' + kind + '|' + outcome.errno())) {
                log.log(Level.WARNING, "{0}: provider {1} denied {2}: {3} (logged once; " + component + " runs on)",
                        thread, providerName, setting, outcome);
            }
        }
    }
}
