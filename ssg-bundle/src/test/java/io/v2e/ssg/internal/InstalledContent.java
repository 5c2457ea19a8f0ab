package io.v2e.ssg.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The SSG content and the oscap binary installed on this machine (Debian packages ssg-debian,
 * ssg-applications, openscap-scanner), for tests that compare with OpenSCAP.
 */
final class InstalledContent {

    static final Path DIR = Path.of(System.getProperty("ssg.content.dir", "/usr/share/xml/scap/ssg/content"));

    private InstalledContent() {
    }

    /** Every SCAP file installed, sorted; empty (and says so on stderr) when none is installed. */
    static List<Path> files() throws IOException {
        if (!Files.isDirectory(DIR)) {
            System.err.println("SSG content is NOT installed (" + DIR + " missing): the comparison over the installed"
                    + " corpus is not run; apt-get install ssg-debian ssg-applications openscap-scanner");
            return List.of();
        }
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    static boolean oscapAvailable() {
        try {
            return run(List.of("oscap", "--version")).startsWith("OpenSCAP");
        } catch (IOException e) {
            System.err.println("oscap is NOT installed: comparisons with OpenSCAP are not run; apt-get install openscap-scanner");
            return false;
        }
    }

    static String run(List<String> command) throws IOException {
        return runCapturing(command).stdout();
    }

    /** A finished command's standard output and standard error. */
    record Output(String stdout, String stderr) {
    }

    static Output runCapturing(List<String> command) throws IOException {
        // stdin from /dev/null (oscap waits on an open stdin pipe for some content), stderr to a
        // file so a full pipe can never block it
        Path stderr = Files.createTempFile("oscap", ".err");
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(stderr.toFile()).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(command + " failed with exit " + p.exitValue() + ": " + Files.readString(stderr));
            }
            return new Output(out, Files.readString(stderr));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
