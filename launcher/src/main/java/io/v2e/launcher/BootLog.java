package io.v2e.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Keeps framework and bundle chatter off the terminal: System.out and System.err are redirected
 * into a log file before the framework starts (Felix, SCR and FileInstall print there when no
 * LogService is present), while the launcher keeps the real streams for command output, warnings
 * and errors. Gogo's ThreadIO still routes a command's own output to its session streams.
 */
final class BootLog implements AutoCloseable {

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final PrintStream file;
    private final Path path;

    private BootLog(PrintStream stdout, PrintStream stderr, PrintStream file, Path path) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.file = file;
        this.path = path;
    }

    /** Opens {@code logDir/name}; {@code append} keeps earlier runs (the container log). */
    static BootLog redirect(Path logDir, String name, boolean append) throws IOException {
        Files.createDirectories(logDir);
        Path path = logDir.resolve(name);
        PrintStream file = new PrintStream(new FileOutputStream(path.toFile(), append), true, StandardCharsets.UTF_8);
        BootLog log = new BootLog(System.out, System.err, file, path);
        System.setOut(file);
        System.setErr(file);
        return log;
    }

    /** The terminal's (or caller's) standard output, for command results. */
    PrintStream stdout() {
        return stdout;
    }

    /** The real standard error, for warnings and errors a person must see. */
    PrintStream stderr() {
        return stderr;
    }

    Path path() {
        return path;
    }

    /** A line in the log file only. */
    void info(String message) {
        file.println(Instant.now() + " v2e: " + message);
    }

    /** A line in the log file and on the real stderr. */
    void warn(String message) {
        info("WARNING " + message);
        stderr.println("v2e: " + message);
    }

    @Override
    public void close() {
        System.setOut(stdout);
        System.setErr(stderr);
        file.close();
    }
}
