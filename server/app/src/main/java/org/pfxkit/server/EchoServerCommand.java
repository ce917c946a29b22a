package org.pfxkit.server;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.pfxkit.cli.CommandModel;
import org.pfxkit.cli.CommandRunner;
import org.pfxkit.cli.LowercaseValues;
import org.pfxkit.cli.PasswordOptions;
import org.pfxkit.cli.Version;
import org.pfxkit.shared.error.ExitCodes;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pfxkit-server}: the TWAPI recipe's TLS echo server, with every connection failure an event. Thin. */
@Command(name = "pfxkit-server", versionProvider = Version.class, sortOptions = false,
        description = {
            "A TLS echo server: reads one line, replies \"Received request: '<line>'\", closes (the TWAPI recipe's "
                    + "protocol). Every failed connection is one log line with a stable code, tied to its "
                    + "connection; counters are printed at shutdown (SIGINT/SIGTERM: stop accepting, let open "
                    + "connections finish, exit 0).",
            "",
            "Key material: --pfx (PKCS#12/PFX, JKS or PEM bundle; password from the .pwd file beside it, e.g. "
                    + "cert.pwd, unless given) searched as Windows does (--subject, --any, --sha1: the certfind "
                    + "matcher), or --key and --cert PEM files, or nothing: a throw-away self-signed certificate for "
                    + "localhost."},
        footerHeading = "%nExamples:%n",
        footer = {
            // Each line under 80 columns: picocli wraps a longer footer line to column 0.
            "  pfxkit-server --pfx cert.pfx --subject hunter --port 1234",
            "      the TWAPI recipe: cert.pwd beside cert.pfx, subject_substring hunter",
            "  pfxkit-server --key private.pem --cert public.pem",
            "  pfxkit-server --port 0 --bind 127.0.0.1",
            "      the embedded self-signed certificate on a free loopback port",
            "      (the port is printed)",
            "  pfxkit-server --pfx cert.pfx --any --echo-all --log-format json \\",
            "      --log-connections",
            "  kill -HUP PID",
            "      reads the key material again (as a change of its files does)",
            "  pfxkit-server --pfx cert.pfx --subject hunter --reuse-port",
            "      one of several processes sharing port 1234 (each with --reuse-port)",
            "  pfxkit-server --pfx cert.pfx --bind 10.0.0.5 --proxy-protocol",
            "      behind HAProxy (send-proxy-v2) or nginx (proxy_protocol on): logs name",
            "      the real client; bind where only the balancer reaches (docs/scaling.md)"})
final class EchoServerCommand implements Callable<Integer> {

    @Option(names = "--pfx", paramLabel = "STORE", description = "Keystore to take the certificate from: "
            + "PKCS#12/PFX, JKS or a PEM bundle. Repeatable: the first set (--pfx, else --key/--cert) is the "
            + "default, every other is served to clients asking (SNI) for a DNS name in its certificate.")
    List<Path> pfx = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "%nWhich certificate of --pfx (default --any):%n")
    Search search;

    static final class Search {
        @Option(names = "--subject", paramLabel = "TEXT", description = "The first certificate whose subject "
                + "contains TEXT (CERT_FIND_SUBJECT_STR, TWAPI subject_substring).")
        String subject;

        @Option(names = "--any", description = "The first certificate in Windows' enumeration order.")
        boolean any;

        @Option(names = "--sha1", paramLabel = "HEX", description = "The certificate with this SHA-1 thumbprint.")
        String sha1;

        CertificateSelector selector() {
            if (subject != null) {
                return CertificateSelector.subjectSubstring(subject);
            }
            return sha1 != null ? CertificateSelector.sha1(sha1) : CertificateSelector.any();
        }
    }

    @Option(names = "--key", paramLabel = "FILE", description = "Private key (PEM or DER), with --cert; "
            + "repeatable, paired with the --cert of the same rank.")
    List<Path> key = new ArrayList<>();

    @Option(names = "--cert", paramLabel = "FILE", description = "Certificate (and chain), PEM or DER, with --key.")
    List<Path> cert = new ArrayList<>();

    @Option(names = "--client-ca", paramLabel = "FILE", description = "Ask clients for a certificate issued by one "
            + "of the certificates in FILE (PEM bundle); its subject goes in the connection log.")
    Path clientCa;

    @Option(names = "--client-auth", paramLabel = "required|optional",
            description = "With --client-ca: refuse a client without a certificate (required, the default), or let "
                    + "it in (optional; a certificate sent must still verify).")
    ClientAuth clientAuth;

    enum ClientAuth { REQUIRED, OPTIONAL }

    /** Declared in code, as the tools declare theirs; added to the model by {@link #commandLine}. */
    final PasswordOptions password = new PasswordOptions();

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "1234", description = "Port to listen on, 0 to "
            + "65535; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address to listen on (default ${DEFAULT-VALUE}: every interface).")
    String bind;

    @Option(names = "--reuse-port", description = "Share the port with other processes started with "
            + "--reuse-port (SO_REUSEPORT: the kernel spreads new connections over them). Needs the epoll "
            + "transport (Linux).")
    boolean reusePort;

    @Option(names = "--proxy-protocol", description = "Behind a TCP load balancer: every connection starts with a "
            + "PROXY protocol header (v1 or v2, HAProxy send-proxy/send-proxy-v2); its client address is the one "
            + "logged. A connection without one is refused (PROXY_HEADER_INVALID). Only for a port nothing but the "
            + "balancer can reach.")
    boolean proxyProtocol;

    @Option(names = "--echo-all", description = "Answer every line until the client closes (for load tests), "
            + "instead of the first line only.")
    boolean echoAll;

    @Option(names = "--protocols", paramLabel = "LIST", split = ",",
            description = "TLS versions: tls1.3, tls1.2 (default both). SSLv3, TLS 1.0 and 1.1 are refused.")
    List<String> protocols = new java.util.ArrayList<>();

    @Option(names = "--tls-profile", defaultValue = "intermediate", paramLabel = "intermediate|modern",
            completionCandidates = TlsProfileValues.class,
            description = "Cipher suites after Mozilla's profiles: intermediate (TLS 1.3, and TLS 1.2 with ECDHE and "
            + "AES-GCM or ChaCha20-Poly1305 only) or modern (TLS 1.3 only) (default ${DEFAULT-VALUE}).")
    TlsProfile tlsProfile;

    @Option(names = "--handshake-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class, description = "Close a connection whose handshake has not "
            + "completed this long after the accept (default ${DEFAULT-VALUE}).")
    Duration handshakeTimeout;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "5m",
            converter = DurationConverter.class, description = "Close a connection silent this long; 0 for never "
            + "(default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--max-line", paramLabel = "BYTES", defaultValue = "8192",
            description = "Longest line; a longer one gets an error reply and a close (default ${DEFAULT-VALUE}).")
    int maxLine;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "10000",
            description = "Open connections at most; more are closed at once and counted (default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--io-threads", paramLabel = "N", description = "Event-loop threads (default: one per core).")
    Integer ioThreads;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class, description = "At SIGINT/SIGTERM, how long open connections may "
            + "finish (default ${DEFAULT-VALUE}).")
    Duration shutdownGrace;

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "auto|openssl|jdk",
            completionCandidates = EngineValues.class, description = "TLS engine: "
            + "BoringSSL (openssl) where it loads, else the JDK's (default ${DEFAULT-VALUE}).")
    TlsEngine engine;

    @Option(names = "--log-format", defaultValue = "text", paramLabel = "text|json",
            completionCandidates = LogFormatValues.class,
            description = "Log lines as text or one JSON object each (default ${DEFAULT-VALUE}).")
    LogFormat logFormat;

    enum LogFormat { TEXT, JSON }

    static final class EngineValues extends LowercaseValues<TlsEngine> {
        EngineValues() {
            super(TlsEngine.class);
        }
    }

    static final class LogFormatValues extends LowercaseValues<LogFormat> {
        LogFormatValues() {
            super(LogFormat.class);
        }
    }

    static final class TlsProfileValues extends LowercaseValues<TlsProfile> {
        TlsProfileValues() {
            super(TlsProfile.class);
        }
    }

    @Option(names = "--log-connections", description = "Log every connection when it closes, and the quiet "
            + "failures (connect-and-close probes).")
    boolean logConnections;

    @Option(names = "--metrics", paramLabel = "[ADDRESS:]PORT", description = "Serve the counters on plain HTTP: "
            + "/metrics (Prometheus text) and /healthz; a bare PORT listens on loopback only.")
    String metrics;

    @Option(names = "--no-watch", description = "Do not reload the certificate when its files change (SIGHUP "
            + "still reloads it).")
    boolean noWatch;

    @Option(names = "--verbose", description = "Log quiet failures and exception classes; stack traces on errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stop = new CountDownLatch(1);
    /** Held so java.util.logging keeps the level: the toolkit's start-up line is printed by us unless --verbose. */
    private static final Logger TOOLKIT_LOG = Logger.getLogger("org.pfxkit.server");

    private volatile TlsServer running;

    private volatile boolean sighupIgnored;

    /** The process started with SIGHUP ignored (nohup): the start-up lines say that kill -HUP will not reload. */
    void sighupIgnored() {
        sighupIgnored = true;
    }

    /** Reads the key material again (SIGHUP); does nothing before the server is listening. */
    void reload(String trigger) {
        TlsServer server = running;
        if (server != null) {
            server.reload(trigger);
        }
    }

    /** Asks the running server to shut down gracefully (signal handlers and tests call it). */
    void stop() {
        stop.countDown();
    }

    @Override
    public Integer call() throws PfxkitException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TOOLKIT_LOG.setLevel(verbose ? Level.INFO : Level.WARNING);
        int listenPort = portNumber();
        List<KeySet> sets = keySets();
        KeySource source = sets.get(0).source();
        EventLog log = new EventLog(err, logFormat == LogFormat.JSON, logConnections || verbose, verbose);
        TlsServerBuilder builder = TlsServer.builder()
                .keyMaterial(source)
                .engine(engine)
                .protocols(protocols.toArray(String[]::new))
                .tlsProfile(tlsProfile)
                .handler(echoAll ? EchoProtocol.everyLine() : EchoProtocol.firstLine())
                .onFailure(log)
                .onReload(log::onReload)
                .watchKeyFiles(!noWatch)
                .maxLineLength(positive(maxLine, "--max-line"))
                .maxConnections(positive(maxConnections, "--max-connections"))
                .handshakeTimeout(positive(handshakeTimeout, "--handshake-timeout"))
                .idleTimeout(idleTimeout)
                .reusePort(reusePort)
                .proxyProtocol(proxyProtocol);
        if (search != null) {
            builder.select(search.selector());
        }
        for (KeySet set : sets.subList(1, sets.size())) {
            builder.sniKeyMaterial(set.source(), set.selector(search));
        }
        if (clientAuth != null && clientCa == null) {
            throw new PfxkitException(Problem.BAD_USAGE, "--client-auth needs --client-ca: the CA certificates "
                    + "that issue the clients' certificates", "add --client-ca clients-ca.pem");
        }
        if (clientCa != null) {
            List<X509Certificate> trusted = ClientCaFile.read(clientCa);
            if (clientAuth != ClientAuth.OPTIONAL) {
                builder.requireClientCertificates(trusted);
            } else {
                builder.requestClientCertificates(trusted);
            }
        }
        if (metrics != null) {
            builder.metrics(metricsAddress());
        }
        if (ioThreads != null) {
            builder.ioThreads(positive(ioThreads, "--io-threads"));
        }
        if (logConnections) {
            builder.onConnection(log);
        }
        TlsServer server = builder.bind(new InetSocketAddress(address(), listenPort));
        try {
            printStart(server, out);
            running = server;
            stop.await();
        } finally {
            running = null;
            boolean clean = server.shutdown(shutdownGrace);
            if (!clean) {
                err.println("pfxkit-server: closed connections still open after " + shutdownGrace.toMillis()
                        + " ms");
            }
            log.counters(server.counters(), out);
        }
        return ExitCodes.OK;
    }

    /** One set of key material from the command line; {@code store} when a search applies to it. */
    private record KeySet(KeySource source, boolean store) {
        /** The search applies to keystores; a key/cert pair has one certificate. */
        CertificateSelector selector(Search search) {
            return store && search != null ? search.selector() : null;
        }
    }

    /** The --pfx sets, then the --key/--cert pairs; the embedded default when there is none. */
    private List<KeySet> keySets() throws PfxkitException {
        if (search != null && pfx.isEmpty()) {
            throw new PfxkitException(Problem.BAD_USAGE, "--subject, --any and --sha1 search a keystore given with "
                    + "--pfx", "add --pfx cert.pfx");
        }
        if (key.size() != cert.size()) {
            throw new PfxkitException(Problem.BAD_USAGE, "--key and --cert go together (" + key.size() + " --key, "
                    + cert.size() + " --cert)", "give both for each set: --key private.pem --cert public.pem");
        }
        List<KeySet> sets = new ArrayList<>();
        for (Path store : pfx) {
            sets.add(new KeySet(KeySource.store(store, password.forStore(store, null)), true));
        }
        for (int i = 0; i < key.size(); i++) {
            Path keyFile = key.get(i);
            PasswordSource given = password.explicitSource();
            // Read only if the key is encrypted: then asked on the terminal, or the one PASSWORD_REQUIRED without.
            sets.add(new KeySet(KeySource.pem(keyFile, cert.get(i), given != null ? given : PasswordSource.prompt(
                    "Passphrase for the private key in '" + keyFile + "': ", "the encrypted private key in '"
                            + keyFile + "'", PasswordSource.STORE_PASSWORD_OPTIONS)), false));
        }
        if (sets.isEmpty()) {
            sets.add(new KeySet(KeySource.selfSignedLocalhost(), false));
        }
        return sets;
    }

    /** "9464" (loopback), "0.0.0.0:9464", "[::1]:9464". */
    private InetSocketAddress metricsAddress() throws PfxkitException {
        int colon = metrics.lastIndexOf(':');
        String host = colon < 0 ? null : metrics.substring(0, colon).replace("[", "").replace("]", "");
        String portText = metrics.substring(colon + 1);
        int metricsPort;
        try {
            metricsPort = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            metricsPort = -1;
        }
        if (metricsPort < 0 || metricsPort > 65_535) {
            throw new PfxkitException(Problem.BAD_USAGE, "--metrics '" + metrics + "' has no port number",
                    "give PORT (loopback) or ADDRESS:PORT, e.g. --metrics 9464 or --metrics 10.0.0.5:9464");
        }
        try {
            return new InetSocketAddress(host == null ? InetAddress.getLoopbackAddress()
                    : InetAddress.getByName(host), metricsPort);
        } catch (UnknownHostException e) {
            throw new PfxkitException(Problem.BAD_USAGE, "cannot resolve the address in --metrics '" + metrics + "'",
                    "give an IP address, e.g. --metrics 127.0.0.1:9464");
        }
    }

    private InetAddress address() throws PfxkitException {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new PfxkitException(Problem.BAD_USAGE, "cannot resolve --bind '" + bind + "'",
                    "give an IP address, e.g. 127.0.0.1 or 0.0.0.0");
        }
    }

    private void printStart(TlsServer server, PrintWriter out) {
        ChosenCertificate chosen = server.certificate();
        X509Certificate leaf = chosen.material().leaf();
        out.println("certificate: " + leaf.getSubjectX500Principal().getName() + " from " + chosen.source()
                + " (valid until " + leaf.getNotAfter().toInstant() + ")");
        for (String why : chosen.explanation()) {
            out.println("  " + why);
        }
        server.sniCertificates().forEach((name, set) -> out.println("certificate for SNI " + name + ": "
                + set.material().leaf().getSubjectX500Principal().getName() + " from " + set.source()));
        if (clientCa != null) {
            out.println("client certificates " + (clientAuth != ClientAuth.OPTIONAL ? "required" : "asked for")
                    + ", issued by a certificate in '" + clientCa + "'");
        }
        out.println("engine: " + server.engine() + "; transport: " + server.transport());
        if (reusePort) {
            out.println("port shared (SO_REUSEPORT) with every other process started with --reuse-port on it");
        }
        if (proxyProtocol) {
            out.println("expecting a PROXY protocol header (v1 or v2) first on every connection: client addresses "
                    + "are the balancer's word for them");
        }
        if (server.metricsAddress() != null) {
            out.println("metrics on http://" + EventLog.address(server.metricsAddress()) + "/metrics and /healthz");
        }
        if (sighupIgnored) {
            out.println("SIGHUP is ignored (started under nohup?): kill -HUP will not reload the certificate"
                    + (noWatch ? "; restart to renew it" : "; changes to its files still do"));
        }
        out.println("listening on " + EventLog.address(server.address()));
        if (pfx.isEmpty() && key.isEmpty()) {
            out.println("connect with: openssl s_client -connect localhost:" + server.port()
                    + " (the certificate is self-signed: clients must skip verification or trust it)");
        }
        out.flush();
    }

    /**
     * Checked here: InetSocketAddress throws IllegalArgumentException for a port outside 0..65535, which reached the
     * handler as an unexpected exception, "internal error", exit 70.
     */
    private int portNumber() throws PfxkitException {
        if (port < 0 || port > 65_535) {
            throw new PfxkitException(Problem.BAD_USAGE, "--port must be between 0 and 65535, not " + port,
                    "give a TCP port number, e.g. --port 1234, or --port 0 for a free one");
        }
        return port;
    }

    /**
     * The command line with pfxkit's handlers; its help lists exit code 1 no more than pfxconvert's does, since
     * neither is a {@link CommandRunner.Finder}.
     */
    static CommandLine commandLine(EchoServerCommand command) {
        CommandLine commandLine = CommandRunner.commandLine(command);
        CommandModel.withHelpOptions(command.password.addTo(commandLine.getCommandSpec()));
        return commandLine;
    }

    private static int positive(int n, String option) throws PfxkitException {
        if (n < 1) {
            throw new PfxkitException(Problem.BAD_USAGE, option + " must be at least 1", null);
        }
        return n;
    }

    private static Duration positive(Duration d, String option) throws PfxkitException {
        if (d.isZero() || d.isNegative()) {
            throw new PfxkitException(Problem.BAD_USAGE, option + " must be longer than 0", null);
        }
        return d;
    }
}
