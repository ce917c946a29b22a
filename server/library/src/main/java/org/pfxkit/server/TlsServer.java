package org.pfxkit.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.pfxkit.server.internal.KeyFileWatcher;
import org.pfxkit.server.internal.MetricsServer;
import org.pfxkit.server.internal.ServerCore;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.keys.KeyMaterial;

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

    private static final System.Logger LOG = System.getLogger("org.pfxkit.server");

    private final ServerCore core;
    private final KeySource keySource;
    private final CertificateSelector selector;
    private final Consumer<ReloadEvent> reloadListener;
    private volatile ChosenCertificate certificate;
    /** SNI names given as key material in memory: served as given, not read again. */
    private final Map<String, KeyMaterial> fixedSniKeys;
    /** SNI sets read from files: read again by every reload. */
    private final List<TlsServerBuilder.SniSource> sniSources;
    private volatile Map<String, ChosenCertificate> sniSets;
    private volatile KeyFileWatcher watcher;
    private volatile MetricsServer metrics;
    private volatile boolean closed;
    /**
     * Reloads take turns on their own lock, not the server's: a reload waiting on a slow file system (or on a
     * password prompt) must not hold up {@link #shutdown}.
     */
    private final Object reloadLock = new Object();

    TlsServer(ServerCore core, ChosenCertificate certificate, KeySource keySource, CertificateSelector selector,
              Consumer<ReloadEvent> reloadListener, Map<String, KeyMaterial> fixedSniKeys,
              List<TlsServerBuilder.SniSource> sniSources, Map<String, ChosenCertificate> sniSets) {
        this.core = core;
        this.fixedSniKeys = fixedSniKeys;
        this.sniSources = sniSources;
        this.sniSets = sniSets;
        this.certificate = certificate;
        this.keySource = keySource;
        this.selector = selector;
        this.reloadListener = reloadListener;
    }

    void serveMetrics(InetSocketAddress address) throws PfxkitException {
        metrics = new MetricsServer(address, core.counters(), this::certificateLeaves, core::accepting);
    }

    /** "default" (the default certificate) and "sni:NAME" for each SNI name, to their leaf certificates. */
    private Map<String, X509Certificate> certificateLeaves() {
        Map<String, X509Certificate> leaves = new LinkedHashMap<>();
        ChosenCertificate current = certificate;
        if (current != null) {
            leaves.put("default", current.material().leaf());
        }
        core.sniLeaves().forEach((name, leaf) -> leaves.put("sni:" + name, leaf));
        return leaves;
    }

    /** Where {@code /metrics} and {@code /healthz} are served; null without {@link TlsServerBuilder#metrics}. */
    public InetSocketAddress metricsAddress() {
        MetricsServer m = metrics;
        return m == null ? null : m.localAddress();
    }

    void watch(Set<Path> files, Duration quiet) throws PfxkitException {
        watcher = new KeyFileWatcher(files, quiet, () -> reload("file change"));
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

    /**
     * Reads the key material again (the same {@link KeySource} and {@link CertificateSelector} as at start-up, and
     * every {@link TlsServerBuilder#sniKeyMaterial} set) and, if all of it can serve, makes it the certificates served: connections accepted from now on get it, open ones keep
     * their handshake, none is dropped. Material that does not parse, a search that finds nothing, an expired or
     * not yet valid certificate, a key that does not match it or that the engine refuses leaves the old certificate
     * serving. Either way the outcome goes to the {@link TlsServerBuilder#onReload} listener and is returned.
     */
    public ReloadEvent reload() {
        return reload("reload()");
    }

    /** {@link #reload()}, naming what asked for it (e.g. "SIGHUP") in the event. */
    public ReloadEvent reload(String trigger) {
        synchronized (reloadLock) {
            return reloadInTurn(trigger);
        }
    }

    private ReloadEvent reloadInTurn(String trigger) {
        ChosenCertificate before = certificate;
        String source = keySource == null ? "nothing" : keySource.describe();
        String failure = null;
        if (closed) {
            failure = "the server is shut down";
        } else if (keySource == null) {
            failure = "the server has no default key material to read again (only SNI certificates given in memory)";
        } else {
            try {
                ChosenCertificate fresh = keySource.choose(selector);
                TlsServerBuilder.checkValidity(fresh.material(), fresh.source());
                if (sniSources.isEmpty()) {
                    core.replaceDefaultKey(fresh.material());
                } else {
                    // All sets or none: a renewed default with a broken SNI set keeps every old certificate.
                    Map<String, ChosenCertificate> freshSets = TlsServerBuilder.chooseSniSets(fresh, sniSources);
                    core.replaceKeys(fresh.material(), TlsServerBuilder.allSniKeys(fixedSniKeys, freshSets));
                    sniSets = freshSets;
                }
                certificate = fresh;
            } catch (PfxkitException e) {
                failure = e.getMessage();
            } catch (RuntimeException e) {
                // Reading a file the user is still editing must never take the server down.
                failure = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        ReloadEvent event = new ReloadEvent(Instant.now(), trigger, source, failure == null ? certificate : before,
                failure);
        core.counters().reloaded(event.succeeded());
        if (reloadListener != null) {
            try {
                reloadListener.accept(event);
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "the reload listener threw; the server goes on", e);
            }
        }
        return event;
    }

    /** The SNI sets read from files ({@link TlsServerBuilder#sniKeyMaterial}) by the names they serve, as last read. */
    public Map<String, ChosenCertificate> sniCertificates() {
        return sniSets;
    }

    /** The default certificate and why it was chosen (the latest reloaded); null when only SNI ones were given. */
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
        KeyFileWatcher w = watcher;
        if (w != null) {
            w.close();
        }
        boolean clean = core.shutdown(grace); // /healthz answers 503 during the grace period
        MetricsServer m = metrics;
        if (m != null) {
            m.close();
        }
        return clean;
    }

    /** {@link #shutdown(Duration)} with {@link #DEFAULT_GRACE}. */
    @Override
    public void close() {
        shutdown(DEFAULT_GRACE);
    }
}
