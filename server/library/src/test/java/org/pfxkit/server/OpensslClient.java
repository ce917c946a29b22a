package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl s_client -msg} against a test server: with -msg it prints every TLS message and alert it sends and
 * receives, decrypted ("<<< TLS 1.2, Alert [length 0002], fatal no_renegotiation"), which is how the tests see which
 * alert the server sent. Input lines are written after the handshake; stdin stays open until the server closes, so
 * the client never closes first.
 */
final class OpensslClient {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private OpensslClient(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    output.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                output.append("\n[reader: ").append(e.getMessage()).append("]\n");
            }
        }, "s_client-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code openssl s_client -connect 127.0.0.1:PORT -msg -servername localhost EXTRA...}. */
    static OpensslClient start(int port, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-msg",
                "-servername", "localhost"));
        command.addAll(List.of(extra));
        return new OpensslClient(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Waits (at most 20 s) until the handshake is done: s_client has printed its session summary. */
    OpensslClient awaitHandshake() throws InterruptedException {
        for (int i = 0; i < 400 && !output.toString().contains("Verify return code") && process.isAlive(); i++) {
            Thread.sleep(50);
        }
        assertTrue(output.toString().contains("Verify return code"), () -> "no handshake:\n" + output);
        return this;
    }

    OpensslClient send(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.US_ASCII));
        in.flush();
        return this;
    }

    /** Waits for s_client to exit (the server closed), at most 20 s; then its whole output. */
    String awaitExit() throws InterruptedException {
        boolean exited = process.waitFor(20, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(5000);
        assertTrue(exited, () -> "the server did not close the connection:\n" + output);
        return output.toString();
    }
}
