package org.pfxkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The password options exist twice, annotated (certfind, the server) and built (pfxconvert): they must not drift. */
class PasswordOptionsModelTest {

    /** What --help, completion and parsing see (a flag's parameter label is never shown). */
    private static List<String> describe(CommandSpec spec) {
        return spec.options().stream()
                .map(o -> String.join(",", o.names()) + " | " + (o.arity().max() > 0 ? o.paramLabel() : "-") + " | "
                        + o.type().getName() + " | " + String.join(" ", o.description()) + " | arity " + o.arity())
                .sorted().toList();
    }

    @Test
    void theBuiltOptionsAreTheAnnotatedOnes() {
        CommandSpec annotated = CommandSpec.forAnnotatedObject(new PasswordOptions());
        CommandSpec built = CommandSpec.create();
        PasswordOptions.addTo(built);
        assertEquals(4, annotated.options().size());
        assertEquals(describe(annotated), describe(built));
    }

    @Test
    void bindTakesTheParsedValuesAndTheDefaults() throws Exception {
        CommandSpec spec = CommandSpec.create();
        PasswordOptions.addTo(spec);
        new CommandLine(spec).parseArgs("--password-env", "STORE_PASSWORD");
        PasswordOptions options = new PasswordOptions();
        options.bind(spec);
        assertEquals("environment variable STORE_PASSWORD", options.explicitSource().describe());

        CommandSpec none = CommandSpec.create();
        PasswordOptions.addTo(none);
        new CommandLine(none).parseArgs();
        PasswordOptions unset = new PasswordOptions();
        unset.bind(none);
        assertEquals(null, unset.explicitSource());
        OptionSpec stdin = none.findOption("--password-stdin");
        assertEquals(Boolean.FALSE, stdin.getValue());
    }
}
