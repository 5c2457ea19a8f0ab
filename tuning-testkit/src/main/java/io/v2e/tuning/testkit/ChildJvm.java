package io.v2e.tuning.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} class of the test classpath in a child JVM (the same java binary), behind
 * an optional command prefix such as {@code setpriv ... --} or {@code taskset -c 1}, and parses
 * the {@code key=value} lines it prints.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** The test classpath: surefire hides it behind a manifest-only jar in java.class.path. */
    public static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    public static Map<String, String> run(List<String> prefix, List<String> jvmArgs, Class<?> main) {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(testClassPath());
        command.add(main.getName());
        try {
            File stderr = File.createTempFile("child-jvm", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(stderr).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("child JVM did not finish in 120 s: " + prefix);
                }
                String err = Files.readString(stderr.toPath());
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("child JVM " + prefix + " " + main.getName() + " exited "
                            + p.exitValue() + "\nstdout:\n" + out + "\nstderr:\n" + err);
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (String line : out.split("\n")) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        values.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
                values.put("stderr", err);
                return values;
            } finally {
                Files.deleteIfExists(stderr.toPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start child JVM " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for child JVM", e);
        }
    }
}
