package io.v2e.process.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.v2e.process.api.PermitGrant;
import io.v2e.process.api.PermitRelease;

/**
 * The global permit pool: {@code total} permits, held by provider id; revoked permits are held
 * back from the pool until the metrics recover. Threading: any thread (one monitor).
 */
final class PermitPool {

    /** One holder: its permits and the endpoint that asked (where quota events go). */
    static final class Holder {
        final String providerId;
        final String endpoint;
        /** Only a holder whose endpoint existed when it asked is released when that endpoint goes. */
        final boolean endpointWasPresent;
        int held;

        Holder(String providerId, String endpoint, boolean endpointWasPresent) {
            this.providerId = providerId;
            this.endpoint = endpoint;
            this.endpointWasPresent = endpointWasPresent;
        }
    }

    /** What one holder lost in a revocation. */
    record Revoked(String providerId, String endpoint, int taken, int stillHeld) {
    }

    private final Map<String, Holder> holders = new LinkedHashMap<>();
    private int total;
    private int withheld;

    PermitPool(int total) {
        this.total = total;
    }

    /** @throws IllegalArgumentException for a bad request or an empty pool (v2e's two errors) */
    synchronized PermitGrant request(String providerId, Integer count, String endpoint, boolean endpointPresent) {
        check(providerId, count);
        int available = available();
        if (available == 0) {
            throw new IllegalArgumentException("no permits available (total " + total + ", allocated " + allocated()
                    + ", revoked " + withheld + ")");
        }
        int granted = Math.min(count, available);
        Holder h = holders.computeIfAbsent(providerId, id -> new Holder(id, endpoint, endpointPresent));
        h.held += granted;
        return new PermitGrant(granted, available(), providerId);
    }

    /** @throws IllegalArgumentException for a bad request or a provider that holds nothing */
    synchronized PermitRelease release(String providerId, Integer count) {
        check(providerId, count);
        Holder h = holders.get(providerId);
        if (h == null) {
            throw new IllegalArgumentException("provider not found: no permits allocated to '" + providerId + "'");
        }
        h.held -= Math.min(count, h.held);
        if (h.held == 0) {
            holders.remove(providerId);
        }
        return new PermitRelease(true, available(), providerId);
    }

    private static void check(String providerId, Integer count) {
        if (providerId == null || providerId.isBlank() || count == null || count <= 0) {
            throw new IllegalArgumentException("invalid request: missing provider_id or permit_count <= 0");
        }
    }

    /**
     * Takes {@code percent} of the allocated permits (rounded up) from the holders, each losing the
     * same share of its own (rounded up, never more than needed), and holds them back.
     */
    synchronized List<Revoked> revoke(int percent) {
        int allocated = allocated();
        int target = (int) Math.ceil(allocated * percent / 100.0);
        List<Revoked> revoked = new ArrayList<>();
        int taken = 0;
        for (Holder h : new ArrayList<>(holders.values())) {
            int take = Math.min(Math.min(h.held, (int) Math.ceil(h.held * percent / 100.0)), target - taken);
            if (take == 0) {
                continue;
            }
            h.held -= take;
            taken += take;
            revoked.add(new Revoked(h.providerId, h.endpoint, take, h.held));
            if (h.held == 0) {
                holders.remove(h.providerId);
            }
        }
        withheld += taken;
        return revoked;
    }

    /** The metrics recovered: revoked permits go back to the pool. */
    synchronized void restore() {
        withheld = 0;
    }

    /** Releases the permits of holders whose endpoint has gone (a process that died); their ids. */
    synchronized List<String> releaseGone(Predicate<String> endpointPresent) {
        List<String> released = new ArrayList<>();
        holders.values().removeIf(h -> {
            boolean gone = h.endpointWasPresent && !endpointPresent.test(h.endpoint);
            if (gone) {
                released.add(h.providerId);
            }
            return gone;
        });
        return released;
    }

    synchronized void resize(int newTotal) {
        total = newTotal;
    }

    synchronized int total() {
        return total;
    }

    synchronized int allocated() {
        int sum = 0;
        for (Holder h : holders.values()) {
            sum += h.held;
        }
        return sum;
    }

    synchronized int available() {
        return Math.max(0, total - allocated() - withheld);
    }

    synchronized int withheld() {
        return withheld;
    }

    synchronized int heldBy(String providerId) {
        Holder h = holders.get(providerId);
        return h == null ? 0 : h.held;
    }
}
