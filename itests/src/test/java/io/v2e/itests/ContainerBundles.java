package io.v2e.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * The Pax Exam container holds the distribution's own boot bundles ({@code bundle/} of the
 * assembled distribution, by file URL), so the tests exercise exactly what {@code bin/v2e} starts.
 * Left out: the interactive console (it would take over the terminal) and FileInstall (nothing to
 * watch here).
 */
final class ContainerBundles {

    /** File-name prefixes of distribution bundles that do not belong in a test container. */
    private static final Set<String> LEFT_OUT = Set.of("org.apache.felix.gogo.jline", "jline-",
            "org.apache.felix.fileinstall");

    private ContainerBundles() {
    }

    static Path distribution() {
        return Path.of(System.getProperty("v2e.dist.dir", "../distribution/target/v2e")).toAbsolutePath().normalize();
    }

    static Option[] options() {
        List<Option> options = new ArrayList<>();
        for (Path jar : bootBundles()) {
            // a fragment (jffi's native libraries) is attached to its host, never started
            options.add(isFragment(jar) ? bundle(jar.toUri().toString()).noStart() : bundle(jar.toUri().toString()));
        }
        options.add(junitBundles());
        // the tests wait with Awaitility; it needs hamcrest 2 (junitBundles brings hamcrest 1.3 for JUnit 4)
        options.add(mavenBundle("org.awaitility", "awaitility", System.getProperty("v2e.awaitility.version", "4.3.0")));
        options.add(mavenBundle("org.hamcrest", "hamcrest", "2.1"));
        // pax-logging's fallback logger prints DEBUG to stdout otherwise
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        options.add(workingDirectory(Path.of(System.getProperty("v2e.it.work", "target/it-work"))
                .resolve("pax-exam").toString()));
        return options.toArray(new Option[0]);
    }

    private static boolean isFragment(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }

    static List<Path> bootBundles() {
        Path dir = distribution().resolve("bundle");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar"))
                    .filter(p -> LEFT_OUT.stream().noneMatch(prefix -> p.getFileName().toString().startsWith(prefix)))
                    .sorted().collect(Collectors.toList());
            if (jars.isEmpty()) {
                throw new IllegalStateException("no bundles in " + dir + "; build the distribution module first");
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " (build the distribution module first)", e);
        }
    }
}
