package io.v2e.ssg.internal;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.v2e.ssg.api.SsgParseException;
import io.v2e.ssg.api.SsgParser;
import io.v2e.tuning.api.TuningProvider;

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

    /** Places ssg:import's workers; optional, dynamic, greedy as the parser's (each import reads it at its start). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TuningProvider tuning;

    @Activate
    public SsgCommandsComponent(@Reference(name = "parser") SsgParser parser) {
        this.shell = new SsgShell(parser, this::sample, System::nanoTime, () -> tuning);
    }

    private synchronized Path sample() throws IOException {
        if (sampleCopy == null) {
            sampleCopy = VendoredSample.asFile();
        }
        return sampleCopy;
    }

    /** ssg:info [FILE] [--tailoring TAILORING_FILE] [--profile ID] [--json] - what oscap info shows, plus counts; a profile resolved, tailored or not. */
    public String info(String... args) throws SsgParseException, IOException {
        return shell.info(List.of(args));
    }

    /**
     * ssg:import DIR [--threads N] - parses every SCAP file (.xml, .xml.bz2) in DIR on N workers (default one per
     * allowed CPU, each pinned through the tuning provider) with progress, then prints a summary table.
     */
    public String _import(String... args) throws IOException, InterruptedException {
        return shell.importCommand(List.of(args), System.out, stdoutIsTerminal());
    }

    /**
     * Whether the JVM's own stdin and stdout are a terminal: the Gogo console's session writes
     * there, a one-shot {@code bin/v2e ssg:import DIR > log} does not. {@code System.console()}
     * tells on Java 17 (null unless both are a terminal); from Java 22 it may exist without one,
     * and {@code Console.isTerminal()} (called reflectively, not in the Java 17 API) tells instead.
     */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17-21: a console exists only on a terminal
        }
    }
}
