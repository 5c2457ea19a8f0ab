package io.v2e.itests;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The SSG parser bundle and the Woodstox bundles it needs. They are not in the distribution yet
 * (adding them there made one-shot {@code bin/v2e} commands lose the race with the jnr provider's
 * registration more often: see the ssg branch report), so the SSG tests add them to a private copy
 * of the distribution or to the Pax Exam container.
 */
final class SsgBundles {

    private SsgBundles() {
    }

    static List<Path> jars() {
        Path ssg = Path.of(System.getProperty("v2e.ssg.bundle", "../ssg-bundle/target/ssg-bundle-"
                + System.getProperty("v2e.project.version", "0.1.0-SNAPSHOT") + ".jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(ssg)) {
            throw new IllegalStateException("no ssg bundle at " + ssg + ": build ssg-bundle first");
        }
        return List.of(jarOf("org.codehaus.stax2.XMLInputFactory2"), jarOf("com.ctc.wstx.stax.WstxInputFactory"), ssg);
    }

    /** The jar a class of the test class path comes from (Maven resolved it into ~/.m2). */
    private static Path jarOf(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + className, e);
        }
    }

    /** A private copy of the distribution with the SSG bundles in its bundle/ folder. */
    static V2e distributionWithSsg() throws Exception {
        V2e v2e = V2e.copyOfDistribution("with-ssg");
        for (Path jar : jars()) {
            Files.copy(jar, v2e.home().resolve("bundle").resolve(jar.getFileName()));
        }
        return v2e;
    }
}
