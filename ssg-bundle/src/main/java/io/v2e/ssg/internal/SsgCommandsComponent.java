package io.v2e.ssg.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;

import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParser;

/**
 * Gogo commands {@code ssg:info} and {@code ssg:import}. Gogo maps the {@code import} command to
 * {@code _import} because {@code import} is a Java keyword. Errors are thrown with a message that
 * names the file and the problem (bin/v2e prints it and exits 1). Called from Gogo session threads; the sample is copied out of the bundle once
 * (the copy is deleted at JVM exit).
 */
@Component(service = Object.class, property = {"osgi.command.scope=ssg", "osgi.command.function=info",
        "osgi.command.function=import"})
public final class SsgCommandsComponent {

    private final SsgShell shell;
    private Path sampleCopy;

    @Activate
    public SsgCommandsComponent(@Reference(name = "parser") SsgParser parser) {
        this.shell = new SsgShell(parser, this::sample);
    }

    private synchronized Path sample() throws IOException {
        if (sampleCopy == null) {
            sampleCopy = VendoredSample.asFile();
        }
        return sampleCopy;
    }

    /** ssg:info [FILE] [--profile ID] [--json] - what oscap info shows, plus counts. */
    public String info(String... args) throws SsgParseException, IOException {
        return shell.info(List.of(args));
    }

    /** ssg:import DIR - parses every SCAP (.xml) file in DIR and prints a summary table. */
    public String _import(String dir) throws IOException {
        return shell.importDirectory(Path.of(dir), System.out, System.console() != null);
    }
}
