package io.v2e.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void scopedCommandNeedsServiceWithScopeAndFunction() {
        CommandLine c = CommandLine.of(List.of("tuning:info", "--json"));
        assertEquals("tuning:info --json", c.line());
        assertEquals("tuning:info", c.name());
        assertEquals("(&(osgi.command.scope=tuning)(osgi.command.function=info))", c.serviceFilter());
    }

    @Test
    void unscopedCommandNeedsOnlyTheFunction() {
        assertEquals("(osgi.command.function=lb)", CommandLine.of(List.of("lb")).serviceFilter());
    }

    @Test
    void argumentsWithSpacesOrShellSyntaxStayOneToken() {
        assertEquals("echo \"a b\" \"\\$x\" \"q\\\"\" \"\"",
                CommandLine.of(List.of("echo", "a b", "$x", "q\"", "")).line());
    }

    @Test
    void aLineThatDoesNotStartWithACommandNameIsNotWaitedFor() {
        CommandLine c = CommandLine.of(List.of("(1+1)"));
        assertFalse(c.namesCommand());
        assertThrows(IllegalStateException.class, c::serviceFilter);
    }

    @Test
    void noArgumentsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.of(List.of()));
    }
}
