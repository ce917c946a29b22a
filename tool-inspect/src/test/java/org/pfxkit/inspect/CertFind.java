package org.pfxkit.inspect;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.pfxkit.cli.CommandRunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** Runs certfind in-process with captured output, as the tests' one way to call it. */
final class CertFind {
    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private CertFind() {
    }

    static Run run(String... args) {
        CommandLine cl = CommandRunner.commandLine(new CertFindCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(List<String> args) {
        return run(args.toArray(String[]::new));
    }
}
