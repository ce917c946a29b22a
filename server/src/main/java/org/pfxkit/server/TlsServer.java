package org.pfxkit.server;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.pfxkit.server.internal.ServerCore;

/**
 * A running TLS server whose every connection failure is a {@link FailureEvent} delivered to its own listener:
 * <pre>
 * TlsServer server = TlsServer.builder()
 *         .keyMaterial(KeySource.store(Path.of("cert.pfx"), PasswordSource.file(Path.of("cert.pwd"))))
 *         .select(CertificateSelector.subjectSubstring("hunter"))
 *         .onFailure(event -&gt; log.warning(event.code() + " " + event.connectionId() + " from " + event.remote()))
 *         .handler(EchoProtocol.firstLine())
 *         .bind(new InetSocketAddress(1234));
 * </pre>
 */
public final class TlsServer implements AutoCloseable {
    /** How long {@link #close()} lets open connections finish. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final ServerCore core;
    private final ChosenCertificate certificate;
    private volatile boolean closed;

    TlsServer(ServerCore core, ChosenCertificate certificate) {
        this.core = core;
        this.certificate = certificate;
    }

    public static TlsServerBuilder builder() {
        return new TlsServerBuilder();
    }

    /** The port it listens on (the real one when bound to port 0). */
    public int port() {
        return core.localAddress().getPort();
    }

    public InetSocketAddress address() {
        return core.localAddress();
    }

    /** The default certificate and why it was chosen; null when only SNI certificates were given. */
    public ChosenCertificate certificate() {
        return certificate;
    }

    /** The TLS engine serving connections, e.g. "BoringSSL via netty-tcnative (BoringSSL)". */
    public String engine() {
        return core.engineDescription();
    }

    /** "epoll" or "nio". */
    public String transport() {
        return core.transportDescription();
    }

    public ServerCounters counters() {
        return core.counters().snapshot();
    }

    /**
     * Graceful shutdown: stops accepting, lets open connections finish for up to {@code grace}, then closes the rest.
     * True when every connection finished by itself. Calling it again does nothing and returns true.
     */
    public synchronized boolean shutdown(Duration grace) {
        if (closed) {
            return true;
        }
        closed = true;
        return core.shutdown(grace);
    }

    /** {@link #shutdown(Duration)} with {@link #DEFAULT_GRACE}. */
    @Override
    public void close() {
        shutdown(DEFAULT_GRACE);
    }
}
