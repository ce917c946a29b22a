package org.pfxkit.cli;

import java.io.PrintWriter;
import java.util.Arrays;

import org.pfxkit.shared.error.ExitCodes;
import org.pfxkit.shared.error.PfxkitException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a picocli command the pfxkit way: {@link PfxkitException} becomes its one-line message, a hint and its exit
 * code; usage errors exit 2; anything else is a bug (exit 70). Stack traces only with {@code --verbose} or
 * {@code PFXKIT_DEBUG=1}.
 */
public final class CommandRunner {
    private CommandRunner() {
    }

    /**
     * A command that searches, for which exit code 1 means "nothing found" (certfind). Only such a command lists
     * code 1 in its --help: for the others 1 never happens.
     */
    public interface Finder {
    }

    /** Builds the {@link CommandLine} with pfxkit's handlers; tests use it with their own writers. */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = command instanceof CommandModel.InCode inCode ? new CommandLine(inCode.spec())
                : new CommandLine(command);
        cl.setExecutionExceptionHandler(new ExceptionHandler());
        cl.setParameterExceptionHandler(new UsageHandler());
        cl.setExitCodeExceptionMapper(t -> t instanceof PfxkitException p ? p.exitCode() : ExitCodes.INTERNAL);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(exitCodes(command instanceof Finder));
        return cl;
    }

    private static java.util.Map<String, String> exitCodes(boolean finder) {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        codes.put(" 0", "success");
        if (finder) {
            codes.put(" 1", "nothing found");
        }
        codes.put(" 2", "bad usage or bad input");
        codes.put(" 3", "output or environment failure");
        codes.put("70", "internal error (a bug: please report it with --verbose)");
        return codes;
    }

    /** Runs and returns the exit code; never calls System.exit. */
    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /** The {@code main} of a tool: run, then exit with the command's code. */
    public static void main(Object command, String... args) {
        int code = execute(command, args);
        System.exit(code);
    }

    static boolean verbose(String... args) {
        return Arrays.asList(args).contains("--verbose") || "1".equals(System.getenv("PFXKIT_DEBUG"));
    }

    private static String commandName(CommandLine cl) {
        return cl.getCommandSpec().root().name();
    }

    private static final class ExceptionHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
            PrintWriter err = cl.getErr();
            boolean verbose = parsed != null && verbose(parsed.originalArgs().toArray(String[]::new));
            String name = commandName(cl);
            if (e instanceof PfxkitException p) {
                err.println(name + ": " + p.getMessage());
                if (p.hint() != null) {
                    err.println("hint: " + p.hint());
                }
                if (verbose) {
                    p.printStackTrace(err);
                }
                err.flush();
                return p.exitCode();
            }
            err.println(name + ": internal error: " + describe(e));
            err.println("hint: this is a bug in pfxkit; run again with --verbose and report the output");
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL;
        }
    }

    private static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static final class UsageHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine cl = e.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println(commandName(cl) + ": " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("hint: see '" + cl.getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }
}
