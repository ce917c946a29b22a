package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The echo server as a real process: {@code java -cp <this JVM's class path> EchoServerMain ARGS}, started with this
 * JVM's own {@code java}. Its stdout and stderr are read into lines on threads of their own from the start, so the
 * process never blocks on a full pipe however much it logs. {@link #close()} destroys it; call it from
 * {@code @AfterEach} or a try-with-resources.
 */
final class ServerProcess implements AutoCloseable {
    private static final String LISTENING = "listening on ";

    private final Process process;
    private final Lines out = new Lines();
    private final Lines err = new Lines();
    private final List<Thread> drains = new ArrayList<>(2);
    /** The port of the "listening on ADDRESS:PORT" line; completed exceptionally if stdout ends without it. */
    private final CompletableFuture<Integer> listening = new CompletableFuture<>();

    private ServerProcess(Process process) {
        this.process = process;
        drains.add(drain(process.getInputStream(), out, "stdout"));
        drains.add(drain(process.getErrorStream(), err, "stderr"));
    }

    /** Starts {@code EchoServerMain} with these arguments; give {@code --port 0} and read {@link #port()}. */
    static ServerProcess start(String... args) throws IOException {
        return startUnder(List.of(), args);
    }

    /** {@link #start}, launched through {@code launcher} (e.g. {@code nohup}, which leaves SIGHUP ignored). */
    static ServerProcess startUnder(List<String> launcher, String... args) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), EchoServerMain.class.getName()));
        command.addAll(List.of(args));
        return new ServerProcess(new ProcessBuilder(command).start());
    }

    private Thread drain(InputStream stream, Lines into, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (into == out && !listening.isDone() && line.startsWith(LISTENING)) {
                        listening.complete(Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)));
                    }
                    into.add(line);
                }
            } catch (IOException e) {
                // The stream was closed under us: close() destroyed the process. What was read is kept.
            } finally {
                if (into == out) {
                    listening.completeExceptionally(new IllegalStateException("stdout ended"));
                }
            }
        }, "server-" + process.pid() + "-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits (up to 60 s: a JVM starting on a loaded machine) for the "listening on" line and returns its port. */
    int port() throws InterruptedException {
        try {
            return listening.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return fail("the server printed no 'listening on' line (" + (process.isAlive() ? "still running"
                    : "exit " + process.exitValue()) + ")\nout:\n" + out() + "\nerr:\n" + err());
        }
    }

    long pid() {
        return process.pid();
    }

    /**
     * Asks it to stop as an operator would, with SIGTERM (a graceful shutdown), without waiting: several processes
     * then stop side by side. {@link #awaitExit(Duration)} gives the exit code.
     */
    void terminate() {
        // Through the handle: Process.destroy() sends the same signal but also closes our ends of the pipes at once,
        // losing whatever the server writes while it stops (its last log lines, its counters).
        process.toHandle().destroy();
    }

    /**
     * Waits for the process to exit and for its output to be read to the end, then returns the exit code: after this
     * {@link #out()} and {@link #err()} are everything it wrote.
     */
    int awaitExit(Duration wait) throws InterruptedException {
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the server did not exit within " + wait.toSeconds() + " s\nout:\n" + out() + "\nerr:\n" + err());
        }
        for (Thread t : drains) {
            t.join(TimeUnit.SECONDS.toMillis(10));
            if (t.isAlive()) {
                fail(t.getName() + " not read to the end 10 s after the server exited");
            }
        }
        return process.exitValue();
    }

    /** The stdout lines read so far. */
    List<String> outLines() {
        return out.snapshot();
    }

    /** The stderr lines read so far (the failure and connection log). */
    List<String> errLines() {
        return err.snapshot();
    }

    String out() {
        return String.join("\n", outLines());
    }

    String err() {
        return String.join("\n", errLines());
    }

    /** Waits up to {@code wait} for a stderr line that matches; false if none came. */
    boolean awaitErrLine(Predicate<String> matching, Duration wait) throws InterruptedException {
        return err.await(matching, wait);
    }

    /** Destroys the process if it still runs (SIGTERM, then SIGKILL after 10 s); its output is not needed then. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lines of one stream, appended by its drain thread; readers may wait for a line without sleeping. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();

        synchronized void add(String line) {
            lines.add(line);
            notifyAll();
        }

        synchronized List<String> snapshot() {
            return List.copyOf(lines);
        }

        synchronized boolean await(Predicate<String> matching, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    if (matching.test(lines.get(seen))) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
