package org.pfxkit.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The short-lived tools (pfxconvert, certfind) declare their command lines with picocli's programmatic model, where
 * picocli's own examples use annotations. Reading an annotation makes the JDK generate a proxy class for its type at
 * run time, and JDK 25's AOT cache cannot hold those classes: the annotated model was the largest part of each tool's
 * start-up (docs/performance.md, "picocli's model in code", has the side-by-side numbers). Each option keeps its value
 * in its {@link OptionSpec}, and a command reads it from there after parsing: one declaration, no name strings.
 */
public final class CommandModel {
    private CommandModel() {
    }

    /** A command whose model is built in code; {@link CommandRunner} runs it from {@link #spec()}. */
    public interface InCode extends Callable<Integer> {
        CommandSpec spec();
    }

    /**
     * The model of {@code command} (its {@code call()} runs when the command line is executed), without reading any
     * annotation, with pfxkit's version line, help sections in declaration order and an "Examples:" footer.
     */
    public static CommandSpec command(Object command, String name, String[] description, String... examples) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name).versionProvider(new Version());
        spec.usageMessage().description(description).sortOptions(false);
        if (examples.length > 0) {
            spec.usageMessage().footerHeading("%nExamples:%n").footer(examples);
        }
        return spec;
    }

    /** Adds -h/--help and -V/--version last, as picocli's {@code mixinStandardHelpOptions} does, and returns spec. */
    public static CommandSpec withHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** An option without a value, false unless given. */
    public static OptionSpec flag(String name, String description) {
        return OptionSpec.builder(name).type(boolean.class).arity("0").description(description).build();
    }

    /** An option with a value of {@code type}, null unless given; the builder takes converters and defaults. */
    public static OptionSpec.Builder option(String name, String paramLabel, Class<?> type, String description) {
        return OptionSpec.builder(name).paramLabel(paramLabel).type(type).description(description);
    }

    /** True when {@link #flag} was given. */
    public static boolean isSet(OptionSpec flag) {
        return Boolean.TRUE.equals(flag.getValue());
    }
}
