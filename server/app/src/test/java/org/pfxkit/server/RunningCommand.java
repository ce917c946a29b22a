package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/** The echo server command run in-process, its output captured, its port read from the "listening on" line. */
final class RunningCommand implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^\\n]*:(\\d+)\\n");

    final EchoServerCommand command = new EchoServerCommand();
    private final Watch out = new Watch();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit;

    RunningCommand(String... args) {
        CommandLine cl = EchoServerCommand.commandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        // A thread of its own: the common pool has one thread on a 2-core machine, so a second server started
        // while the first runs would wait for it to stop.
        exit = CompletableFuture.supplyAsync(() -> cl.execute(args),
                task -> Thread.ofPlatform().name("echo-server-command").daemon().start(task));
    }

    /** Runs to completion (for refusals): the exit code. */
    static Result run(String... args) {
        RunningCommand c = new RunningCommand(args);
        int code = c.exit.join();
        return new Result(code, c.out.toString(), c.err.toString());
    }

    record Result(int exitCode, String out, String err) {
    }

    /** Waits for the "listening on" line and returns the port. */
    int port() throws Exception {
        CompletableFuture<Object> either = CompletableFuture.anyOf(out.listening, exit);
        Object first = either.get(30, TimeUnit.SECONDS);
        if (first instanceof Integer code && !out.listening.isDone()) {
            fail("the server exited with " + code + " before listening\nout:\n" + out + "\nerr:\n" + err);
        }
        return out.listening.get();
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** Stops it gracefully and returns the exit code. */
    int stop() throws Exception {
        command.stop();
        return exit.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (!exit.isDone()) {
            stop();
        }
        assertTrue(exit.isDone());
    }

    private static final class Watch extends Writer {
        private final StringBuilder text = new StringBuilder();
        final CompletableFuture<Integer> listening = new CompletableFuture<>();

        @Override
        public synchronized void write(char[] buffer, int offset, int length) {
            text.append(buffer, offset, length);
            Matcher m = LISTENING.matcher(text);
            if (!listening.isDone() && m.find()) {
                listening.complete(Integer.parseInt(m.group(1)));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }
}
