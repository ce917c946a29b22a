package org.pfxkit.server.internal;

import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import javax.net.ssl.SSLException;

import org.pfxkit.server.FailureCode;
import org.pfxkit.server.FailureEvent.Phase;

import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

/**
 * The one table that turns what a failed connection showed into a {@link FailureCode}. The first matching rule wins.
 * It reads the engines' reason codes and alerts, not prose: BoringSSL (netty-tcnative) puts its reason in the message
 * as {@code error:XXXXXXXX:SSL routines:OPENSSL_internal:REASON} (names from BoringSSL's include/openssl/ssl.h
 * {@code SSL_R_*}); the JDK names the alert it received ({@code Received fatal alert: <alert>}, RFC 8446 section 6)
 * and words its own refusals in sun.security.ssl's messages. Where no cause says enough (Netty's close during a
 * handshake is a {@link ClosedChannelException} with a null message) the ClientHello parser's view decides.
 * Recorded causes from both engines are the test data of FailureClassifierTest. Only the server's own decisions
 * bypass it: NO_CERTIFICATE_FOR_SNI (no context for the name), LINE_TOO_LONG (the framer's limit) and INTERNAL for an
 * application handler that threw.
 */
public final class FailureClassifier {

    /**
     * Everything known about a failed connection.
     *
     * @param peerAlert the description of a plaintext alert the client sent during the handshake
     *                  ({@link RecordWatcher}), or -1
     */
    public record Signals(Throwable cause, Phase phase, boolean gotBytes, ClientHello hello,
                          Throwable transportError, int peerAlert) {
        public Signals(Throwable cause, Phase phase, boolean gotBytes, ClientHello hello, Throwable transportError) {
            this(cause, phase, gotBytes, hello, transportError, -1);
        }
    }

    private record Rule(FailureCode code, Predicate<Facts> when) {
    }

    /** The signals with the cause chain flattened to one upper-case text for reason-code look-ups. */
    private record Facts(Signals signals, String text, List<Throwable> chain) {
        boolean has(String... needles) {
            for (String needle : needles) {
                if (text.contains(needle)) {
                    return true;
                }
            }
            return false;
        }

        boolean any(Class<?> type) {
            for (Throwable t : chain) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }

        boolean handshake() {
            return signals.phase() == Phase.HANDSHAKE;
        }

        boolean legacyHello() {
            ClientHello hello = signals.hello();
            return hello != null && (hello.kind() == ClientHello.Kind.SSL2_HELLO || hello.onlyLegacyVersions());
        }

        boolean alert(int... descriptions) {
            for (int d : descriptions) {
                if (signals.peerAlert() == d) {
                    return true;
                }
            }
            return false;
        }

        ClientHello.Kind helloKind() {
            return signals.hello() == null ? null : signals.hello().kind();
        }
    }

    // Alert descriptions, RFC 8446 section 6 (and RFC 5246 section 7.2 for the older ones).
    static final int HANDSHAKE_FAILURE = 40;
    static final int BAD_CERTIFICATE = 42;
    static final int UNSUPPORTED_CERTIFICATE = 43;
    static final int CERTIFICATE_REVOKED = 44;
    static final int CERTIFICATE_EXPIRED = 45;
    static final int CERTIFICATE_UNKNOWN = 46;
    static final int UNKNOWN_CA = 48;
    static final int ACCESS_DENIED = 49;
    static final int PROTOCOL_VERSION = 70;
    static final int INSUFFICIENT_SECURITY = 71;

    private static final List<Rule> RULES = List.of(
            // Behind a balancer: the PROXY header was missing, malformed or cut short (Netty's decoder, or ours).
            new Rule(FailureCode.PROXY_HEADER_INVALID, f -> f.any(HAProxyProtocolException.class)),
            new Rule(FailureCode.NOT_TLS_HTTP, f -> f.helloKind() == ClientHello.Kind.HTTP),
            new Rule(FailureCode.NO_COMMON_PROTOCOL, f -> f.helloKind() == ClientHello.Kind.SSL2_HELLO),
            new Rule(FailureCode.NOT_TLS_OTHER, f -> f.helloKind() == ClientHello.Kind.OTHER
                    || f.any(NotSslRecordException.class)),
            new Rule(FailureCode.HANDSHAKE_TIMEOUT, f -> f.any(SslHandshakeTimeoutException.class)),
            // The client offers no version we accept, or says so with a protocol_version alert.
            new Rule(FailureCode.NO_COMMON_PROTOCOL, f -> f.has(":UNSUPPORTED_PROTOCOL", ":WRONG_SSL_VERSION",
                    ":TLSV1_ALERT_PROTOCOL_VERSION", "IS NOT ENABLED OR SUPPORTED IN SERVER CONTEXT",
                    "NO APPROPRIATE PROTOCOL", "ALERT: PROTOCOL_VERSION", "SSLV2 CLIENTHELLO")),
            // Client authentication (server side): BoringSSL's reasons, then the JDK's PKIX wording.
            new Rule(FailureCode.CLIENT_CERT_MISSING, f -> f.has(":PEER_DID_NOT_RETURN_A_CERTIFICATE",
                    "EMPTY CLIENT CERTIFICATE CHAIN", "ALERT: CERTIFICATE_REQUIRED")),
            new Rule(FailureCode.CLIENT_CERT_EXPIRED, f -> f.handshake() && (f.any(CertificateExpiredException.class)
                    || f.any(CertificateNotYetValidException.class) || f.has("VALIDITY CHECK FAILED",
                    "CERTIFICATE EXPIRED", ":CERTIFICATE_EXPIRED"))
                    && !f.has("ALERT: CERTIFICATE_EXPIRED", "_ALERT_CERTIFICATE_EXPIRED")),
            new Rule(FailureCode.CLIENT_CERT_UNTRUSTED, f -> f.has(":CERTIFICATE_VERIFY_FAILED", "PKIX PATH",
                    "UNABLE TO FIND VALID CERTIFICATION PATH", "CERTPATHVALIDATOREXCEPTION",
                    "NO TRUSTED CERTIFICATE", "CERTIFICATEEXCEPTION")),
            // An alert from the client about our certificate (RFC 8446 section 6.2).
            new Rule(FailureCode.PEER_REJECTED_CERTIFICATE, f -> f.has("_ALERT_BAD_CERTIFICATE",
                    "_ALERT_UNKNOWN_CA", "_ALERT_CERTIFICATE_UNKNOWN", "_ALERT_UNSUPPORTED_CERTIFICATE",
                    "_ALERT_CERTIFICATE_EXPIRED", "_ALERT_CERTIFICATE_REVOKED", "_ALERT_ACCESS_DENIED",
                    "ALERT: BAD_CERTIFICATE", "ALERT: UNKNOWN_CA", "ALERT: CERTIFICATE_UNKNOWN",
                    "ALERT: UNSUPPORTED_CERTIFICATE", "ALERT: CERTIFICATE_EXPIRED", "ALERT: CERTIFICATE_REVOKED",
                    "ALERT: ACCESS_DENIED") || f.alert(BAD_CERTIFICATE, UNSUPPORTED_CERTIFICATE, CERTIFICATE_REVOKED,
                    CERTIFICATE_EXPIRED, CERTIFICATE_UNKNOWN, UNKNOWN_CA, ACCESS_DENIED)),
            new Rule(FailureCode.NO_COMMON_PROTOCOL, f -> f.alert(PROTOCOL_VERSION)),
            new Rule(FailureCode.NO_COMMON_CIPHER, f -> f.has(":NO_SHARED_CIPHER", ":NO_SHARED_GROUP",
                    ":NO_COMMON_SIGNATURE_ALGORITHMS", ":SSLV3_ALERT_HANDSHAKE_FAILURE", ":TLSV1_ALERT_INSUFFICIENT_SECURITY",
                    "NO CIPHER SUITES IN COMMON", "NO COMMON NAMED GROUP", "NO SUPPORTED SIGNATURE ALGORITHM",
                    "NO AVAILABLE AUTHENTICATION SCHEME", "ALERT: HANDSHAKE_FAILURE",
                    "ALERT: INSUFFICIENT_SECURITY") || f.alert(HANDSHAKE_FAILURE, INSUFFICIENT_SECURITY)),
            // The transport went away. A reset with no byte received is a scanner's or health check's close.
            new Rule(FailureCode.CONNECT_CLOSE_NO_HELLO, f -> f.handshake() && !f.signals.gotBytes()
                    && (f.has("CONNECTION RESET", "BROKEN PIPE") || f.any(ClosedChannelException.class)
                    || f.has("SSLENGINE CLOSED ALREADY", "CONNECTION CLOSED WHILE"))),
            new Rule(FailureCode.HANDSHAKE_RESET, f -> f.handshake() && f.has("CONNECTION RESET", "BROKEN PIPE")),
            new Rule(FailureCode.NO_COMMON_PROTOCOL, Facts::legacyHello),
            new Rule(FailureCode.HANDSHAKE_EOF, f -> f.handshake() && (f.any(ClosedChannelException.class)
                    || f.has("SSLENGINE CLOSED ALREADY", "CONNECTION CLOSED WHILE", "UNEXPECTED_EOF",
                    "REMOTE HOST TERMINATED THE HANDSHAKE"))),
            new Rule(FailureCode.PEER_RESET_AFTER_HANDSHAKE, f -> !f.handshake() && (f.has("CONNECTION RESET",
                    "BROKEN PIPE") || f.any(ClosedChannelException.class))),
            new Rule(FailureCode.PROTOCOL_ERROR, f -> f.any(SSLException.class) || f.helloKind() != null
                    && f.helloKind() == ClientHello.Kind.MALFORMED_TLS));

    private FailureClassifier() {
    }

    /** The RFC name of an alert description, e.g. "unknown_ca(48)". */
    static String alertName(int description) {
        String name = switch (description) {
            case 0 -> "close_notify";
            case 10 -> "unexpected_message";
            case 20 -> "bad_record_mac";
            case 22 -> "record_overflow";
            case 40 -> "handshake_failure";
            case 42 -> "bad_certificate";
            case 43 -> "unsupported_certificate";
            case 44 -> "certificate_revoked";
            case 45 -> "certificate_expired";
            case 46 -> "certificate_unknown";
            case 47 -> "illegal_parameter";
            case 48 -> "unknown_ca";
            case 49 -> "access_denied";
            case 50 -> "decode_error";
            case 51 -> "decrypt_error";
            case 70 -> "protocol_version";
            case 71 -> "insufficient_security";
            case 80 -> "internal_error";
            case 90 -> "user_canceled";
            case 109 -> "missing_extension";
            case 112 -> "unrecognized_name";
            case 116 -> "certificate_required";
            case 120 -> "no_application_protocol";
            default -> "alert";
        };
        return name + "(" + description + ")";
    }

    public static FailureCode classify(Signals signals) {
        Facts facts = facts(signals);
        for (Rule rule : RULES) {
            if (rule.when().test(facts)) {
                return rule.code();
            }
        }
        return FailureCode.INTERNAL;
    }

    /** A one-line message for people: the first message in the cause chain, then the transport error's. */
    public static String message(Throwable cause, Throwable transportError) {
        for (Throwable t : chain(cause, transportError)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return cause == null ? "" : cause.getClass().getSimpleName();
    }

    private static Facts facts(Signals signals) {
        List<Throwable> chain = chain(signals.cause(), signals.transportError());
        StringBuilder text = new StringBuilder(256);
        for (Throwable t : chain) {
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return new Facts(signals, text.toString().toUpperCase(Locale.ROOT), chain);
    }

    /** The cause, its causes and suppressed exceptions, then the transport error; bounded, cycle-safe. */
    private static List<Throwable> chain(Throwable cause, Throwable transportError) {
        List<Throwable> out = new ArrayList<>(8);
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        add(cause, out, seen);
        add(transportError, out, seen);
        return out;
    }

    private static void add(Throwable t, List<Throwable> out, Map<Throwable, Boolean> seen) {
        for (; t != null && out.size() < 16 && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            out.add(t);
            for (Throwable s : t.getSuppressed()) {
                add(s, out, seen);
            }
        }
    }
}
