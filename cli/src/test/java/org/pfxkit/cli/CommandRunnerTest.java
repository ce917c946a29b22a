package org.pfxkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CommandRunnerTest {

    @Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class)
    static final class Demo implements Callable<Integer> {
        @Option(names = "--fail") String fail;
        @Option(names = "--verbose") boolean verbose;

        @Override
        public Integer call() throws PfxkitException {
            if ("input".equals(fail)) {
                throw new PfxkitException(Problem.KEY_CERT_MISMATCH, "key 'a.pem' does not match 'b.pem'",
                        "give the certificate issued for this key");
            }
            if ("bug".equals(fail)) {
                throw new IllegalStateException("boom");
            }
            return 0;
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = CommandRunner.commandLine(new Demo());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aPfxkitErrorPrintsOneLineAndItsHintAndExitsWithItsCode() {
        Run run = run("--fail", "input");
        assertEquals(2, run.code());
        assertEquals("demo: key 'a.pem' does not match 'b.pem'\nhint: give the certificate issued for this key\n",
                run.err().replace("\r\n", "\n"));
    }

    @Test
    void aStackTraceAppearsOnlyWithVerbose() {
        assertFalse(run("--fail", "input").err().contains("\tat "));
        assertTrue(run("--fail", "input", "--verbose").err().contains("\tat "));
    }

    @Test
    void anUnexpectedExceptionIsAnInternalErrorWithExitCode70() {
        Run run = run("--fail", "bug");
        assertEquals(70, run.code());
        assertTrue(run.err().startsWith("demo: internal error: boom"), run.err());
        assertFalse(run.err().contains("IllegalStateException"), "class names are not messages");
    }

    @Test
    void aUsageErrorExitsWith2AndPointsAtHelp() {
        Run run = run("--no-such-option");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--help"), run.err());
    }

    @Test
    void helpListsTheExitCodes() {
        Run run = run("--help");
        assertEquals(0, run.code());
        assertTrue(run.out().contains("Exit codes:"), run.out());
        assertTrue(run.out().contains("70"), run.out());
    }

    @Test
    void versionNamesTheProject() {
        Run run = run("--version");
        assertEquals(0, run.code());
        assertTrue(run.out().contains("demo (pfxkit) 0.1.0"), run.out());
    }
}
