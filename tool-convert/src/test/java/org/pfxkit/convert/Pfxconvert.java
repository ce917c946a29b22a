package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.pfxkit.cli.CommandRunner;

import picocli.CommandLine;

/** Runs pfxconvert in-process with captured standard output and error, as the user would from a shell. */
final class Pfxconvert {
    private Pfxconvert() {
    }

    record Run(int exitCode, String out, String err) {
        Run assertOk() {
            assertEquals(0, exitCode, () -> "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
            return this;
        }

        /** A failure the user can act on: the exit code, one message line and a hint, never a stack trace. */
        Run assertFails(int expectedExit) {
            assertEquals(expectedExit, exitCode, () -> "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
            assertFalse(err.contains("\tat "), () -> "stack trace printed:\n" + err);
            assertFalse(err.contains("Exception"), () -> "exception class name printed:\n" + err);
            Interop.assertContains(err, "pfxconvert: ");
            assertEquals("", out, "results go to stdout, errors only to stderr");
            return this;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CommandRunner.commandLine(new PfxConvertCommand());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(List<Object> args) {
        return run(args.stream().map(Object::toString).toArray(String[]::new));
    }

    /** The folder's file names, sorted: to show that a failed run left nothing behind. */
    static List<String> listing(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
