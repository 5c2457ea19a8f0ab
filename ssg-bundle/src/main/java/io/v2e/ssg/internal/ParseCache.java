package io.v2e.ssg.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParser;

/**
 * Parse results by absolute path, valid while the file keeps its size and modification time;
 * least recently used entries are dropped beyond {@code capacity}. Thread-safe: the map is guarded
 * by this object, a parse runs outside the lock (two callers may parse the same file at once;
 * the last result stays).
 */
final class ParseCache {

    /** What a lookup found: the result and whether it came from the cache. */
    record Lookup(ParseResult result, boolean cached) {
    }

    private record Entry(long size, FileTime modified, ParseResult result) {
    }

    private final SsgParser parser;
    private final Map<Path, Entry> entries;
    private final int capacity;

    ParseCache(SsgParser parser, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1: " + capacity);
        }
        this.parser = parser;
        this.capacity = capacity;
        // ParseCache.Entry, not Entry: inside a LinkedHashMap subclass, Entry names Map.Entry on newer JDKs.
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, ParseCache.Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    int capacity() {
        return capacity;
    }

    Lookup get(Path file) throws SsgParseException {
        Path key = file.toAbsolutePath().normalize();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(key, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            forget(key);
            throw new SsgParseException(SsgParseException.Kind.NOT_FOUND, key, "no such file");
        } catch (IOException e) {
            throw new SsgParseException(SsgParseException.Kind.UNREADABLE, key, -1, -1, "cannot read attributes: " + e, e);
        }
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null && e.size() == attributes.size() && e.modified().equals(attributes.lastModifiedTime())) {
                return new Lookup(e.result(), true);
            }
        }
        ParseResult result = parser.parse(key);
        synchronized (this) {
            entries.put(key, new Entry(attributes.size(), attributes.lastModifiedTime(), result));
        }
        return new Lookup(result, false);
    }

    private synchronized void forget(Path key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }
}
