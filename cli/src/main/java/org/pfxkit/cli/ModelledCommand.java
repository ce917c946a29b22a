package org.pfxkit.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command that gives picocli its model as built objects instead of annotations: for a tool whose start-up time is a
 * goal (pfxconvert). Reading annotations costs a fresh JVM about 50 ms, most of it the {@code java.lang.reflect.Proxy}
 * class generated per annotation type, which no JDK 17 class-data archive can hold; a built model costs a few
 * milliseconds (docs/performance.md). {@link CommandRunner} uses {@link #model()} when a command implements this.
 */
public interface ModelledCommand {
    /** The command's model; the command reads the parsed values from it when it runs. */
    CommandSpec model();

    /** What {@code mixinStandardHelpOptions} and {@link Version} give an annotated command: -h, -V, their texts. */
    static void addStandardHelp(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        spec.versionProvider(new Version());
    }
}
