package org.pfxkit.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.pfxkit.server.internal.ProtocolPolicy;
import org.pfxkit.server.internal.ServerConfig;
import org.pfxkit.server.internal.ServerCore;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyMaterial;

/**
 * Configures and starts a {@link TlsServer}. Every limit has a default fit for a public port:
 * handshake timeout 10 s, idle timeout 5 min, line length 8 KiB, 10,000 concurrent connections, TLS 1.3 and 1.2,
 * one event-loop thread per core, BoringSSL where it loads.
 */
public final class TlsServerBuilder {
    private KeySource keySource;
    private CertificateSelector selector;
    private final Map<String, KeyMaterial> sniKeys = new LinkedHashMap<>();
    private final List<SniSource> sniSources = new ArrayList<>();
    private Supplier<? extends LineHandler> handler = EchoProtocol.firstLine();
    private TlsFailureListener failureListener;
    private ConnectionListener connectionListener;
    private List<String> protocols = List.of();
    private TlsEngine engine = TlsEngine.AUTO;
    private TlsProfile profile = TlsProfile.INTERMEDIATE;
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofMinutes(5);
    private int maxLineLength = 8192;
    private int maxConnections = 10_000;
    private int ioThreads = Runtime.getRuntime().availableProcessors();
    private final List<X509Certificate> clientTrust = new ArrayList<>();
    private boolean clientCertificateRequired;
    private boolean reusePort;
    private boolean proxyProtocol;
    private boolean watchKeyFiles;
    private Duration watchQuiet = Duration.ofMillis(250);
    private Consumer<ReloadEvent> reloadListener;
    private InetSocketAddress metricsAddress;

    TlsServerBuilder() {
    }

    /** The default certificate: served to clients without SNI and to names with no {@link #sniCertificate} entry. */
    public TlsServerBuilder keyMaterial(KeyMaterial material) {
        return keyMaterial(KeySource.of(material));
    }

    public TlsServerBuilder keyMaterial(KeySource source) {
        this.keySource = Objects.requireNonNull(source, "source");
        return this;
    }

    /** Which certificate of the keystore to serve (default 'any', as Windows' CERT_FIND_ANY). */
    public TlsServerBuilder select(CertificateSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
        return this;
    }

    /**
     * A certificate for one SNI host name ({@code "*.example.com"} covers one label). A client asking for a name with
     * no entry gets the default certificate; without a default, its connection fails with
     * {@link FailureCode#NO_CERTIFICATE_FOR_SNI}.
     */
    public TlsServerBuilder sniCertificate(String hostName, KeyMaterial material) {
        sniKeys.put(hostName.toLowerCase(Locale.ROOT), Objects.requireNonNull(material, "material"));
        return this;
    }

    /**
     * A further certificate set, served for the DNS names in its certificate's subjectAltName ({@code *.example.com}
     * for one label, RFC 6125 section 6.4.3); a name the default set or an earlier set already serves stays there,
     * and a set left with no name of its own is refused. Unlike {@link #sniCertificate}, it is read again by every
     * {@link TlsServer#reload()} and its files are watched with the default's ({@link #watchKeyFiles}).
     *
     * @param selector which certificate of a keystore (null: 'any')
     */
    public TlsServerBuilder sniKeyMaterial(KeySource source, CertificateSelector selector) {
        sniSources.add(new SniSource(Objects.requireNonNull(source, "source"), selector));
        return this;
    }

    /** A {@link #sniKeyMaterial} set: where it is read from, and which certificate of it. */
    record SniSource(KeySource source, CertificateSelector selector) {
    }

    /** The application protocol: a new handler per connection (default: {@link EchoProtocol#firstLine()}). */
    public TlsServerBuilder handler(Supplier<? extends LineHandler> handlerFactory) {
        this.handler = Objects.requireNonNull(handlerFactory, "handlerFactory");
        return this;
    }

    public TlsServerBuilder onFailure(TlsFailureListener listener) {
        this.failureListener = listener;
        return this;
    }

    public TlsServerBuilder onConnection(ConnectionListener listener) {
        this.connectionListener = listener;
        return this;
    }

    /** TLS versions to offer, e.g. "tls1.3", "TLSv1.2"; SSLv3, TLS 1.0 and 1.1 are refused at {@link #bind}. */
    public TlsServerBuilder protocols(String... names) {
        this.protocols = List.of(names);
        return this;
    }

    /**
     * Cipher suites and versions: {@link TlsProfile#INTERMEDIATE} (the default: TLS 1.3, and TLS 1.2 with ECDHE and
     * AEAD suites only) or {@link TlsProfile#MODERN} (TLS 1.3 only).
     */
    public TlsServerBuilder tlsProfile(TlsProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
        return this;
    }

    public TlsServerBuilder engine(TlsEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        return this;
    }

    public TlsServerBuilder handshakeTimeout(Duration timeout) {
        this.handshakeTimeout = positive(timeout, "handshake timeout");
        return this;
    }

    /** Closes a connection with no traffic for this long after its handshake; {@link Duration#ZERO} for never. */
    public TlsServerBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = timeout.isNegative() ? Duration.ZERO : timeout;
        return this;
    }

    public TlsServerBuilder maxLineLength(int bytes) {
        this.maxLineLength = atLeastOne(bytes, "maximum line length");
        return this;
    }

    public TlsServerBuilder maxConnections(int connections) {
        this.maxConnections = atLeastOne(connections, "maximum connections");
        return this;
    }

    /** Event-loop threads for connections (default: one per core). */
    public TlsServerBuilder ioThreads(int threads) {
        this.ioThreads = atLeastOne(threads, "I/O threads");
        return this;
    }

    /** Require a client certificate issued by one of these. */
    public TlsServerBuilder requireClientCertificates(Collection<X509Certificate> trustedIssuers) {
        clientTrust.clear();
        clientTrust.addAll(trustedIssuers);
        clientCertificateRequired = true;
        return this;
    }

    /**
     * Ask for a client certificate issued by one of these, but let a client without one connect; a certificate that
     * is sent must still verify (else the connection fails with a CLIENT_CERT_ code). The verified subject is in
     * {@link ConnectionSummary#clientSubject()}.
     */
    public TlsServerBuilder requestClientCertificates(Collection<X509Certificate> trustedIssuers) {
        clientTrust.clear();
        clientTrust.addAll(trustedIssuers);
        clientCertificateRequired = false;
        return this;
    }

    /**
     * Lets several servers (usually several processes, same user) listen on one port, each started with this option:
     * SO_REUSEPORT, and the kernel spreads new connections over them. Needs the native epoll transport (Linux);
     * without it {@link #bind} refuses to start.
     */
    public TlsServerBuilder reusePort(boolean reuse) {
        this.reusePort = reuse;
        return this;
    }

    /**
     * For a server behind a TCP load balancer (HAProxy {@code send-proxy}/{@code send-proxy-v2}, nginx
     * {@code proxy_protocol on}): every connection must start with a PROXY protocol header, version 1 or 2, whose
     * source address and port become the connection's {@link Connection#remote()} (and its destination the
     * {@link Connection#local()}) in failure events, connection summaries and for the handler. A connection without a
     * valid header is closed and reported as {@link FailureCode#PROXY_HEADER_INVALID}. The server believes what the
     * header says: turn it on only for a port nothing but the balancer can reach.
     */
    public TlsServerBuilder proxyProtocol(boolean expectHeader) {
        this.proxyProtocol = expectHeader;
        return this;
    }

    /**
     * Reloads the default certificate ({@link TlsServer#reload()}) when the files of its {@link KeySource} change: a
     * keystore or its {@code .pwd} beside it, or a key and certificate file. The folders are watched, so a file
     * replaced by a rename (how pfxconvert and most tools write) counts; the reload waits until the files have been
     * quiet for 250 ms, so a half-written file is never read. Off by default; key material held in memory has no file.
     */
    public TlsServerBuilder watchKeyFiles(boolean watch) {
        this.watchKeyFiles = watch;
        return this;
    }

    /** How long the watched files must be quiet after a change before the reload (default 250 ms). */
    public TlsServerBuilder watchQuietPeriod(Duration quiet) {
        this.watchQuiet = positive(quiet, "quiet period");
        return this;
    }

    /**
     * Serves the counters on plain HTTP at this address (port 0 picks one, see {@link TlsServer#metricsAddress()}):
     * {@code GET /metrics} in the Prometheus text format 0.0.4, {@code GET /healthz} 200 while the server accepts
     * connections (503 once its shutdown has begun). Off by default. The counters are unauthenticated: bind it to
     * loopback or a private address.
     */
    public TlsServerBuilder metrics(InetSocketAddress address) {
        this.metricsAddress = Objects.requireNonNull(address, "address");
        return this;
    }

    /**
     * Told the outcome of every reload, success or refusal (a refused one keeps the old certificate). It runs on the
     * thread that reloaded (the file watcher's, or the caller of {@link TlsServer#reload()}); if it throws, the
     * server logs a warning and goes on.
     */
    public TlsServerBuilder onReload(Consumer<ReloadEvent> listener) {
        this.reloadListener = listener;
        return this;
    }

    /**
     * Reads the key material, chooses the certificate, checks it can serve, and starts listening. Refuses (with a
     * {@link PfxkitException}) an insecure protocol, an expired certificate, a certificate without its key, a search
     * that found nothing, or an address in use.
     */
    public TlsServer bind(InetSocketAddress address) throws PfxkitException {
        List<String> resolvedProtocols = ProtocolPolicy.resolve(protocols);
        ChosenCertificate chosen = null;
        if (keySource != null) {
            chosen = keySource.choose(selector);
        } else if (sniKeys.isEmpty() && sniSources.isEmpty()) {
            throw new PfxkitException(Problem.BAD_USAGE, "no key material for the TLS server",
                    "call keyMaterial(...) (or KeySource.selfSignedLocalhost() for a throw-away certificate)");
        }
        if (chosen != null) {
            checkValidity(chosen.material(), chosen.source());
        }
        for (Map.Entry<String, KeyMaterial> e : sniKeys.entrySet()) {
            checkValidity(e.getValue(), "the certificate for SNI name '" + e.getKey() + "'");
        }
        Map<String, ChosenCertificate> sniSets = chooseSniSets(chosen, sniSources);
        ServerConfig config = new ServerConfig(engine, profile, resolvedProtocols,
                chosen == null ? null : chosen.material(),
                allSniKeys(sniKeys, sniSets), clientTrust, clientCertificateRequired, handshakeTimeout, idleTimeout,
                maxLineLength, maxConnections, ioThreads,
                handler, failureListener, connectionListener, reusePort, proxyProtocol);
        TlsServer server = new TlsServer(ServerCore.start(config, address), chosen, keySource, selector,
                reloadListener, Map.copyOf(sniKeys), List.copyOf(sniSources), sniSets);
        if (metricsAddress != null) {
            try {
                server.serveMetrics(metricsAddress);
            } catch (PfxkitException e) {
                server.shutdown(Duration.ZERO);
                throw e;
            }
        }
        Set<Path> files = new LinkedHashSet<>();
        if (keySource != null) {
            files.addAll(keySource.files());
        }
        sniSources.forEach(set -> files.addAll(set.source().files()));
        if (watchKeyFiles && !files.isEmpty()) {
            try {
                server.watch(files, watchQuiet);
            } catch (PfxkitException e) {
                server.shutdown(Duration.ZERO);
                throw e;
            }
        }
        return server;
    }

    /** Each {@link #sniKeyMaterial} set read and checked, by the names it serves (in the order given). */
    static Map<String, ChosenCertificate> chooseSniSets(ChosenCertificate first, List<SniSource> sources)
            throws PfxkitException {
        if (sources.isEmpty()) {
            return Map.of();
        }
        List<ChosenCertificate> sets = new ArrayList<>();
        for (SniSource set : sources) {
            ChosenCertificate chosen = set.source().choose(set.selector());
            checkValidity(chosen.material(), chosen.source());
            sets.add(chosen);
        }
        return SniSets.byName(first, sets);
    }

    /** The names given with {@link #sniCertificate} first (they win), then those of the sets read from files. */
    static Map<String, KeyMaterial> allSniKeys(Map<String, KeyMaterial> fixed, Map<String, ChosenCertificate> sets) {
        Map<String, KeyMaterial> all = new LinkedHashMap<>(fixed);
        sets.forEach((name, set) -> all.putIfAbsent(name, set.material()));
        return all;
    }

    static void checkValidity(KeyMaterial material, String source) throws PfxkitException {
        X509Certificate leaf = material.leaf();
        Instant now = Instant.now();
        String who = "the certificate '" + leaf.getSubjectX500Principal().getName() + "' from " + source;
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new PfxkitException(Problem.CERTIFICATE_EXPIRED, who + " expired on "
                    + leaf.getNotAfter().toInstant(), "renew it, or choose another certificate");
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            throw new PfxkitException(Problem.CERTIFICATE_NOT_YET_VALID, who + " is not valid before "
                    + leaf.getNotBefore().toInstant(), "check the machine's clock, or choose another certificate");
        }
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return d;
    }

    private static int atLeastOne(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1");
        }
        return n;
    }
}
