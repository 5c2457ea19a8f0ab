package io.v2e.itests.probe.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Records in a marker file that it is active, with which configuration, and when it is
 * deactivated, so a test outside the JVM can see hot deployment and live configuration happen.
 * The marker is replaced atomically (one line: {@code state=... message=... bundle=... changes=...}).
 * DS calls it serially; it holds no state a second thread could see.
 */
@Designate(ocd = MarkerProbe.Config.class)
@Component(configurationPid = MarkerProbe.PID, service = {}, immediate = true)
public final class MarkerProbe {

    static final String PID = "io.v2e.itests.probe";
    /** Framework (or system) property naming the marker file when the configuration does not. */
    static final String MARKER_PROPERTY = "v2e.probe.marker";

    @ObjectClassDefinition(name = "v2e hot-deploy probe",
            description = "Writes its state and configured message into a marker file.")
    @interface Config {
        @AttributeDefinition(description = "Text written into the marker file as message=...")
        String message() default "default";

        @AttributeDefinition(description = "Marker file path; empty means the framework property "
                + MARKER_PROPERTY + ", else java.io.tmpdir/v2e-probe.marker")
        String markerFile() default "";
    }

    private final long bundleId;
    private final BundleContext context;
    private Path marker;
    private String message;
    private int changes;

    @Activate
    public MarkerProbe(BundleContext context, Config config) {
        this.context = context;
        this.bundleId = context.getBundle().getBundleId();
        apply(config);
    }

    @Modified
    void modified(Config config) {
        apply(config);
    }

    @Deactivate
    void deactivate() {
        write("deactivated");
    }

    private void apply(Config config) {
        marker = markerPath(config);
        message = config.message();
        changes++;
        write("active");
    }

    private Path markerPath(Config config) {
        if (!config.markerFile().isBlank()) {
            return Path.of(config.markerFile());
        }
        String fromFramework = context.getProperty(MARKER_PROPERTY);
        return fromFramework != null && !fromFramework.isBlank() ? Path.of(fromFramework)
                : Path.of(System.getProperty("java.io.tmpdir"), "v2e-probe.marker");
    }

    private void write(String state) {
        String line = "state=" + state + " message=" + message + " bundle=" + bundleId + " changes=" + changes + "\n";
        try {
            Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
            Files.writeString(tmp, line, StandardCharsets.UTF_8);
            Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the probe marker " + marker, e);
        }
    }
}
