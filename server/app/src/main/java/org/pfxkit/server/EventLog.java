package org.pfxkit.server;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;

import org.pfxkit.server.internal.Sanitizer;
import org.pfxkit.server.internal.SocketAddresses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The echo server's log: one line per failed connection (quiet codes only when asked), one per connection with
 * --log-connections, and the counters at shutdown; text by default, one JSON object per line with --log-format json.
 * Every peer-supplied or engine-supplied string is sanitised (printable ASCII, bounded) before it is written.
 */
final class EventLog implements TlsFailureListener, ConnectionListener {
    static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final boolean json;
    private final boolean logQuiet;
    private final boolean verbose;

    EventLog(PrintWriter out, boolean json, boolean logQuiet, boolean verbose) {
        this.out = out;
        this.json = json;
        this.logQuiet = logQuiet;
        this.verbose = verbose;
    }

    @Override
    public void onFailure(FailureEvent e) {
        if (e.code().quiet() && !logQuiet) {
            return;
        }
        String message = Sanitizer.printable(e.message());
        if (json) {
            ObjectNode node = object("failure", e.at());
            node.put("connectionId", e.connectionId());
            node.put("code", e.code().name());
            node.put("phase", e.phase().name());
            node.put("remote", address(e.remote()));
            node.put("local", address(e.local()));
            node.put("sinceAcceptMs", e.sinceAccept().toMillis());
            node.put("sni", e.sniName());
            ArrayNode versions = node.putArray("offeredVersions");
            e.offeredVersions().forEach(versions::add);
            ArrayNode alpn = node.putArray("offeredAlpn");
            e.offeredAlpn().forEach(alpn::add);
            node.put("message", message);
            write(node);
            return;
        }
        StringBuilder line = new StringBuilder(160).append(e.at()).append(" failure ").append(e.code())
                .append(" conn=").append(e.connectionId()).append(" from ").append(address(e.remote()))
                .append(" after ").append(e.sinceAccept().toMillis()).append(" ms");
        if (e.phase() == FailureEvent.Phase.AFTER_HANDSHAKE) {
            line.append(" (after the handshake)");
        }
        if (e.sniName() != null) {
            line.append(" sni=").append(e.sniName());
        }
        if (!e.offeredVersions().isEmpty()) {
            line.append(" offered=").append(String.join(",", e.offeredVersions()));
        }
        line.append(": ").append(message);
        if (verbose && e.cause() != null) {
            line.append(" [").append(e.cause().getClass().getName()).append(']');
        }
        out.println(line);
        out.flush();
    }

    @Override
    public void onClosed(ConnectionSummary s) {
        if (json) {
            ObjectNode node = object("connection", Instant.now());
            node.put("connectionId", s.connectionId());
            node.put("remote", address(s.remote()));
            node.put("local", address(s.local()));
            node.put("acceptedAt", s.acceptedAt().toString());
            node.put("durationMs", s.duration().toMillis());
            node.put("protocol", s.protocol());
            node.put("cipher", s.cipher());
            node.put("sni", s.sniName());
            node.put("clientSubject", s.clientSubject() == null ? null : Sanitizer.printable(s.clientSubject()));
            node.put("outcome", s.failure() == null ? "ok" : s.failure().name());
            write(node);
            return;
        }
        StringBuilder line = new StringBuilder(160).append(Instant.now()).append(" connection conn=")
                .append(s.connectionId()).append(" from ").append(address(s.remote())).append(' ')
                .append(s.duration().toMillis()).append(" ms ")
                .append(s.protocol() == null ? "no handshake" : s.protocol() + " " + s.cipher());
        if (s.sniName() != null) {
            line.append(" sni=").append(s.sniName());
        }
        if (s.clientSubject() != null) {
            line.append(" client=\"").append(Sanitizer.printable(s.clientSubject())).append('"');
        }
        line.append(' ').append(s.failure() == null ? "ok" : s.failure().name());
        out.println(line);
        out.flush();
    }

    /**
     * One line per reload: "reload ok" with the certificate now served, or "reload failed" with the reason and the
     * certificate kept.
     */
    void onReload(ReloadEvent e) {
        X509Certificate leaf = e.served() == null ? null : e.served().material().leaf();
        String subject = leaf == null ? null : leaf.getSubjectX500Principal().getName();
        String serial = leaf == null ? null : leaf.getSerialNumber().toString(16);
        String until = leaf == null ? null : leaf.getNotAfter().toInstant().toString();
        String reason = e.failure() == null ? null : Sanitizer.printable(e.failure());
        if (json) {
            ObjectNode node = object("reload", e.at());
            node.put("trigger", e.trigger());
            node.put("source", e.source());
            node.put("outcome", e.succeeded() ? "ok" : "failed");
            node.put("subject", subject);
            node.put("serial", serial);
            node.put("notAfter", until);
            node.put("reason", reason);
            write(node);
            return;
        }
        StringBuilder line = new StringBuilder(160).append(e.at()).append(" reload ")
                .append(e.succeeded() ? "ok" : "failed").append(" (").append(e.trigger()).append(") from ")
                .append(e.source());
        if (e.succeeded()) {
            line.append(": serving ").append(subject).append(" serial ").append(serial).append(" until ")
                    .append(until);
        } else {
            line.append(": ").append(reason).append("; still serving ")
                    .append(subject == null ? "nothing" : subject + " serial " + serial);
        }
        out.println(line);
        out.flush();
    }

    /** The counters, printed at shutdown. */
    void counters(ServerCounters c, PrintWriter to) {
        if (json) {
            ObjectNode node = object("counters", Instant.now());
            node.put("accepted", c.accepted());
            node.put("handshakes", c.handshakes());
            node.put("rejectedOverLimit", c.rejectedOverLimit());
            node.put("idleClosed", c.idleClosed());
            ObjectNode failures = node.putObject("failures");
            for (FailureCode code : FailureCode.values()) {
                Long n = c.failures().get(code);
                if (n != null) {
                    failures.put(code.name(), n);
                }
            }
            to.println(node.toString());
            to.flush();
            return;
        }
        to.println("connections: " + c.accepted() + " accepted, " + count(c.handshakes(), "handshake", "handshakes")
                + " completed, " + c.rejectedOverLimit() + " rejected over the limit, " + c.idleClosed()
                + " closed idle");
        StringBuilder failures = new StringBuilder("failures: ");
        if (c.failures().isEmpty()) {
            failures.append("none");
        }
        for (FailureCode code : FailureCode.values()) {
            Long n = c.failures().get(code);
            if (n != null) {
                failures.append(code).append('=').append(n).append(' ');
            }
        }
        to.println(failures.toString().trim());
        to.flush();
    }

    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static ObjectNode object(String type, Instant time) {
        ObjectNode node = JSON.createObjectNode();
        node.put("schemaVersion", SCHEMA_VERSION);
        node.put("type", type);
        node.put("time", time.toString());
        return node;
    }

    private void write(ObjectNode node) {
        out.println(node.toString());
        out.flush();
    }

    static String address(InetSocketAddress a) {
        return SocketAddresses.format(a);
    }
}
