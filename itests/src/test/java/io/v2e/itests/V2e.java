package io.v2e.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.v2e.launcher.FileTrees;

/** Drives {@code bin/v2e} of a distribution directory as a separate process, like a user would. */
final class V2e {

    /** How long the itests wait for an asynchronous effect in a container (Awaitility's atMost). */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Waits (Awaitility) until {@code effect} holds, at most {@code bound}; returns how long it took, in ms. */
    static long timed(String what, Duration bound, Callable<Boolean> effect) {
        long t0 = System.nanoTime();
        Awaitility.await(what).atMost(bound).pollInterval(Duration.ofMillis(25)).until(effect);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The result of a finished process. */
    record Result(int exitCode, String stdout, String stderr, long millis) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + millis + " ms\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    private final Path home;

    V2e(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    /** A private copy of the assembled distribution (tests write into deploy/ and etc/). */
    static V2e copyOfDistribution(String name) {
        Path target = Path.of(System.getProperty("v2e.it.work", "target/it-work")).toAbsolutePath().resolve(name);
        try {
            FileTrees.delete(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + target, e);
        }
        copyTree(ContainerBundles.distribution(), target);
        return new V2e(target);
    }

    /** Runs {@code [prefix...] bin/v2e args...} from {@code /} to completion. */
    Result run(List<String> prefix, Map<String, String> env, String... args) {
        ProcessBuilder pb = builder(prefix, env, args);
        try {
            Path out = Files.createTempFile("v2e-out", ".txt");
            Path err = Files.createTempFile("v2e-err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("bin/v2e " + String.join(" ", args) + " did not finish within 60 s");
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err), ms);
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    Result run(String... args) {
        return run(List.of(), Map.of(), args);
    }

    /** Starts the container in the background: stdin is not a terminal, output goes to files. */
    Process startContainer(Map<String, String> env, Path stdout, Path stderr) throws IOException {
        return startContainer(List.of(), env, stdout, stderr);
    }

    /** As {@link #startContainer(Map, Path, Path)}, run through {@code prefix} (e.g. setpriv ... --). */
    Process startContainer(List<String> prefix, Map<String, String> env, Path stdout, Path stderr) throws IOException {
        ProcessBuilder pb = builder(prefix, env);
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        return pb.start();
    }

    private ProcessBuilder builder(List<String> prefix, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(home.resolve("bin/v2e").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("/").toFile());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        return pb;
    }

    static String readOrEmpty(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String rel = from.relativize(dir).toString();
                    if (rel.equals("run") || rel.equals("log")) {
                        return FileVisitResult.SKIP_SUBTREE;    // runtime state of earlier runs
                    }
                    Files.createDirectories(to.resolve(rel));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }
}
