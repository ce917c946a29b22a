package org.pfxkit.cli;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build time only (the exec plugin runs it at package time, see the root pom): a command's bash completion
 * script and its man page source, from the {@link CommandLine} the command runs with ({@link CommandRunner}, so the
 * exit code list is in the man page too), so they can never disagree with --help. picocli-codegen is a build-time
 * dependency of this module, never in a tool's jar.
 */
public final class CommandDocs {
    private CommandDocs() {
    }

    /** Arguments: the command class, the tool's name, the output folder (the module's target/). */
    public static void main(String[] args) throws ReflectiveOperationException, IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: CommandDocs COMMAND_CLASS TOOL_NAME OUTPUT_DIR");
        }
        Constructor<?> constructor = Class.forName(args[0]).getDeclaredConstructor();
        constructor.setAccessible(true);
        Object command = constructor.newInstance();
        String tool = args[1];
        Path target = Path.of(args[2]);
        CommandLine commandLine = CommandRunner.commandLine(command);
        Files.writeString(target.resolve(tool + "_completion"), AutoComplete.bash(tool, commandLine),
                StandardCharsets.UTF_8);
        // One page per command and subcommand (certfind-show.adoc), as picocli's own front end writes them.
        Path manSource = Files.createDirectories(target.resolve("man-source"));
        int exit = ManPageGenerator.generateManPage(manSource.toFile(), null, new boolean[0], true,
                commandLine.getCommandSpec());
        if (exit != 0) {
            throw new IOException("the man page source of " + tool + " could not be written to " + manSource);
        }
    }
}
