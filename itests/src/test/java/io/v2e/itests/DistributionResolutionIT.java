package io.v2e.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The distribution's bundle list is what the OSGi resolver says the product needs (issue 14 item 6):
 * the bnd resolver resolved {@code distribution/v2e.bndrun}'s roots against the distribution's
 * dependencies at package time ({@code target/v2e.bndrun}); here its -runbundles must equal the
 * bundles bin/v2e starts from {@code bundle/}, by symbolic name and version.
 */
class DistributionResolutionIT {

    private static final Pattern RUNBUNDLES = Pattern.compile("(?m)^-runbundles:(.*)$");
    private static final Pattern ENTRY = Pattern.compile("([\\w.\\-]+);\\s*version='?[\\[(]?([^,')\\]]+)");
    /** Built only on JDK 22+ (profile ffm) and needing that runtime: not in the JavaSE-17 resolution. */
    private static final Set<String> JDK22_ONLY = Set.of("io.v2e.tuning.ffm");

    @Test
    void bundleFolderHoldsExactlyTheBundlesTheResolverChose() throws Exception {
        Path resolved = ContainerBundles.distribution().resolveSibling("v2e.bndrun");
        assertTrue(Files.isRegularFile(resolved), "the resolver wrote " + resolved + " (mvn package in distribution)");
        Set<String> chosen = new TreeSet<>();
        // bnd writes "-runbundles: \" and then one "bsn;version='[floor,next)'" per continuation line
        String joined = Files.readString(resolved).replace("\\\n", " ");
        Matcher header = RUNBUNDLES.matcher(joined);
        assertTrue(header.find(), "-runbundles in " + resolved);
        Matcher entry = ENTRY.matcher(header.group(1));
        while (entry.find()) {
            chosen.add(entry.group(1) + ";" + entry.group(2)); // the floor is the chosen bundle's version
        }
        Set<String> shipped = new TreeSet<>();
        try (Stream<Path> jars = Files.list(ContainerBundles.distribution().resolve("bundle"))) {
            for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                String id = identity(jar);
                if (!JDK22_ONLY.contains(id.substring(0, id.indexOf(';')))) {
                    shipped.add(id);
                }
            }
        }
        assertTrue(chosen.size() > 30, "the resolver chose the container's bundles, not a handful: " + chosen);
        Set<String> notNeeded = new TreeSet<>(shipped);
        notNeeded.removeAll(chosen);
        Set<String> missing = new TreeSet<>(chosen);
        missing.removeAll(shipped);
        assertEquals(Set.of(), notNeeded, "in bundle/ but no root of v2e.bndrun needs them");
        assertEquals(Set.of(), missing, "the resolver needs them but bundle/ lacks them");
    }

    /** {@code bsn;major.minor.micro} from the jar's manifest. */
    private static String identity(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var main = file.getManifest().getMainAttributes();
            String bsn = main.getValue("Bundle-SymbolicName").split(";")[0].trim();
            // bnd's range floor carries no qualifier (1.5.1.202212101352 -> 1.5.1, 0.1.0.SNAPSHOT -> 0.1.0)
            return bsn + ";" + main.getValue("Bundle-Version").trim().replaceAll("^(\\d+(\\.\\d+){0,2}).*$", "$1");
        }
    }
}
