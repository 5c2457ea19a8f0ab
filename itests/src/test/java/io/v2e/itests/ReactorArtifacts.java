package io.v2e.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Puts this build's own artifacts (the features repository and every io.v2e bundle it names) into a
 * Maven-layout directory, Karaf's {@code system/}, which Karaf searches before the local repository.
 * Without it, {@code mvn verify} (which installs nothing) would test whatever an earlier
 * {@code mvn install} left in ~/.m2, or find nothing on a fresh machine.
 */
final class ReactorArtifacts {

    private static final String GROUP_PATH = "io/v2e";

    private ReactorArtifacts() {
    }

    /**
     * Stages the filtered features.xml of {@code reactorRoot}/ops/karaf-features and the jars of the
     * io.v2e bundles it names, as built under {@code reactorRoot}, into {@code repository}.
     *
     * @param optional artifacts that may be absent from this build (e.g. tuning-ffm below JDK 22)
     * @return the artifact ids staged
     * @throws IllegalStateException naming the bundles that were not built
     */
    static List<String> stage(Path reactorRoot, String version, Path repository, Set<String> optional) throws IOException {
        Path features = reactorRoot.resolve("ops/karaf-features/target/classes/features.xml");
        if (!Files.isRegularFile(features)) {
            throw new IllegalStateException("no built features repository at " + features + " (run mvn verify from the root)");
        }
        copy(features, repository.resolve(GROUP_PATH + "/karaf-features/" + version + "/karaf-features-" + version + "-features.xml"));
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("mvn:io\\.v2e/([A-Za-z0-9._-]+)/" + Pattern.quote(version) + "\\s*<").matcher(Files.readString(features));
        while (m.find()) {
            named.add(m.group(1));
        }
        Map<String, Path> built = builtJars(reactorRoot, version);
        List<String> staged = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String artifact : named) {
            Path jar = built.get(artifact);
            if (jar == null) {
                if (!optional.contains(artifact)) {
                    missing.add(artifact);
                }
                continue;
            }
            copy(jar, repository.resolve(GROUP_PATH + "/" + artifact + "/" + version + "/" + artifact + "-" + version + ".jar"));
            staged.add(artifact);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("features.xml names io.v2e bundles this build did not make: " + missing);
        }
        return staged;
    }

    /** ARTIFACT -> MODULE/target/ARTIFACT-VERSION.jar for every module up to three levels below the root. */
    private static Map<String, Path> builtJars(Path root, String version) throws IOException {
        Map<String, Path> jars = new HashMap<>();
        String suffix = "-" + version + ".jar";
        try (Stream<Path> files = Files.find(root, 4, (p, a) -> a.isRegularFile() && p.getFileName().toString().endsWith(suffix)
                && p.getParent().getFileName().toString().equals("target"))) {
            files.forEach(p -> {
                String name = p.getFileName().toString();
                jars.putIfAbsent(name.substring(0, name.length() - suffix.length()), p);
            });
        }
        return jars;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
