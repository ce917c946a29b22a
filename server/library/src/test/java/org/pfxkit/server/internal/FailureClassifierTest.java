package org.pfxkit.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pfxkit.server.TlsEngine.AUTO;
import static org.pfxkit.server.TlsEngine.JDK;
import static org.pfxkit.server.TlsEngine.OPENSSL;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pfxkit.server.FailureCode;
import org.pfxkit.server.FailureEvent.Phase;
import org.pfxkit.server.TlsEngine;

import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

/**
 * The classification table against causes recorded from both engines (BoringSSL through netty-tcnative 2.0.74, and
 * the JDK 17 JSSE) by running the fault scenarios of ServerFaultTest and ClassificationScenarioTest with
 * -Dpfxkit.recordCauses=FILE (Netty 4.2.7, epoll). Each record rebuilds the exception chain by class name and message
 * (a class that cannot be made, such as a private engine class, becomes its nearest public ancestor with the same
 * message) together with what the connection showed: bytes received, the parsed ClientHello, a plaintext alert.
 */
class FailureClassifierTest {
    // What the ClientHello parser saw in each scenario.
    private static final ClientHello JDK_13 = new ClientHello(ClientHello.Kind.TLS_HELLO, "localhost",
            List.of("TLSv1.3", "TLSv1.2"), List.of());
    private static final ClientHello OPENSSL_13 = new ClientHello(ClientHello.Kind.TLS_HELLO, "localhost",
            List.of("TLSv1.3"), List.of());
    private static final ClientHello OPENSSL_12 = new ClientHello(ClientHello.Kind.TLS_HELLO, "localhost",
            List.of("TLSv1.2", "TLSv1.1", "TLSv1"), List.of());
    private static final ClientHello OPENSSL_ALL = new ClientHello(ClientHello.Kind.TLS_HELLO, "localhost",
            List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"), List.of());
    private static final ClientHello TLS10 = new ClientHello(ClientHello.Kind.TLS_HELLO, "localhost",
            List.of("TLSv1"), List.of());
    private static final ClientHello SSL2 = ClientHello.SSL2;
    private static final ClientHello MALFORMED = ClientHello.MALFORMED;
    private static final ClientHello NONE = null;

    /** Frame relations: C the next cause, S suppressed by the last C, SC cause of the last S, T the transport error. */
    private static final String C = "C";
    private static final String S = "S";
    private static final String T = "T";

    record Frame(String relation, String className, String message) {
    }

    record Recorded(TlsEngine engine, String scenario, Phase phase, boolean gotBytes, ClientHello hello,
                    int peerAlert, FailureCode expected, List<Frame> frames) {
        @Override
        public String toString() {
            return engine + ": " + scenario;
        }
    }

    private static Frame f(String relation, String className, String message) {
        return new Frame(relation, className, message);
    }

    private static Recorded rec(TlsEngine engine, String scenario, Phase phase, boolean gotBytes, ClientHello hello,
                                int peerAlert, FailureCode expected, Frame... frames) {
        return new Recorded(engine, scenario, phase, gotBytes, hello, peerAlert, expected, List.of(frames));
    }

    static Stream<Recorded> recorded() {
        return Stream.of(
            rec(OPENSSL, "openssl -tls1_3 -sigalgs rsa_pss_rsae_sha256 on an EC key", Phase.HANDSHAKE, true, OPENSSL_13, -1, FailureCode.NO_COMMON_CIPHER,
                    f(C, "io.netty.handler.ssl.ReferenceCountedOpenSslEngine$OpenSslHandshakeException", "error:100000fd:SSL routines:OPENSSL_internal:NO_COMMON_SIGNATURE_ALGORITHMS")),
            rec(JDK, "openssl -tls1_3 -sigalgs rsa_pss_rsae_sha256 on an EC key", Phase.HANDSHAKE, true, OPENSSL_13, -1, FailureCode.NO_COMMON_CIPHER,
                    f(C, "javax.net.ssl.SSLHandshakeException", "No available authentication scheme")),
            rec(OPENSSL, "JDK client that does not trust our root", Phase.HANDSHAKE, true, JDK_13, -1, FailureCode.PEER_REJECTED_CERTIFICATE,
                    f(C, "io.netty.handler.ssl.ReferenceCountedOpenSslEngine$OpenSslHandshakeException", "error:10000416:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_UNKNOWN")),
            rec(JDK, "JDK client that does not trust our root", Phase.HANDSHAKE, true, JDK_13, -1, FailureCode.PEER_REJECTED_CERTIFICATE,
                    f(C, "javax.net.ssl.SSLHandshakeException", "Received fatal alert: certificate_unknown")),
            rec(OPENSSL, "TCP reset right after the handshake", Phase.AFTER_HANDSHAKE, true, JDK_13, -1, FailureCode.PEER_RESET_AFTER_HANDSHAKE,
                    f(C, "io.netty.channel.unix.Errors$NativeIoException", "recvAddress(..) failed with error(-104): Connection reset by peer"),
                    f(T, "io.netty.channel.unix.Errors$NativeIoException", "recvAddress(..) failed with error(-104): Connection reset by peer")),
            rec(JDK, "TCP reset right after the handshake", Phase.AFTER_HANDSHAKE, true, JDK_13, -1, FailureCode.PEER_RESET_AFTER_HANDSHAKE,
                    f(C, "io.netty.channel.unix.Errors$NativeIoException", "recvAddress(..) failed with error(-104): Connection reset by peer"),
                    f(T, "io.netty.channel.unix.Errors$NativeIoException", "recvAddress(..) failed with error(-104): Connection reset by peer")),
            rec(OPENSSL, "client certificate expired", Phase.HANDSHAKE, true, JDK_13, -1, FailureCode.CLIENT_CERT_EXPIRED,
                    f(C, "javax.net.ssl.SSLHandshakeException", "General OpenSslEngine problem"),
                    f(C, "sun.security.validator.ValidatorException", "PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed"),
                    f(C, "java.security.cert.CertPathValidatorException", "validity check failed"),
                    f(C, "java.security.cert.CertificateExpiredException", "NotAfter: Tue Nov 24 10:57:38 UTC 2026")),
            rec(JDK, "client certificate expired", Phase.HANDSHAKE, true, JDK_13, -1, FailureCode.CLIENT_CERT_EXPIRED,
                    f(C, "javax.net.ssl.SSLHandshakeException", "PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed"),
                    f(C, "sun.security.validator.ValidatorException", "PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed"),
                    f(C, "java.security.cert.CertPathValidatorException", "validity check failed"),
                    f(C, "java.security.cert.CertificateExpiredException", "NotAfter: Tue Nov 24 10:57:38 UTC 2026")),
            rec(OPENSSL, "ClientHello cut after its version", Phase.HANDSHAKE, true, MALFORMED, -1, FailureCode.PROTOCOL_ERROR,
                    f(C, "io.netty.handler.ssl.ReferenceCountedOpenSslEngine$OpenSslHandshakeException", "error:10000083:SSL routines:OPENSSL_internal:CLIENTHELLO_PARSE_FAILED")),
            rec(JDK, "ClientHello cut after its version", Phase.HANDSHAKE, true, MALFORMED, -1, FailureCode.PROTOCOL_ERROR,
                    f(C, "javax.net.ssl.SSLHandshakeException", "Illegal handshake message: client_hello"),
                    f(C, "java.nio.BufferUnderflowException", null)),
            rec(OPENSSL, "openssl 3 refusing our certificate under TLS 1.3 (plaintext alert)", Phase.HANDSHAKE, true, OPENSSL_ALL, 48, FailureCode.PEER_REJECTED_CERTIFICATE,
                    f(C, "io.netty.handler.ssl.ReferenceCountedOpenSslEngine$OpenSslHandshakeException", "error:10000070:SSL routines:OPENSSL_internal:BAD_PACKET_LENGTH")),
            rec(JDK, "openssl 3 refusing our certificate under TLS 1.3 (plaintext alert)", Phase.HANDSHAKE, true, OPENSSL_ALL, 48, FailureCode.PEER_REJECTED_CERTIFICATE,
                    f(C, "javax.net.ssl.SSLHandshakeException", "Insufficient buffer remaining for AEAD cipher fragment (2). Needs to be more than tag size (16)"),
                    f(C, "javax.crypto.BadPaddingException", "Insufficient buffer remaining for AEAD cipher fragment (2). Needs to be more than tag size (16)")),
            rec(OPENSSL, "openssl s_client -tls1", Phase.HANDSHAKE, true, TLS10, -1, FailureCode.NO_COMMON_PROTOCOL,
                    f(C, "io.netty.handler.ssl.ReferenceCountedOpenSslEngine$OpenSslHandshakeException", "error:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL")),
            rec(JDK, "openssl s_client -tls1", Phase.HANDSHAKE, true, TLS10, -1, FailureCode.NO_COMMON_PROTOCOL,
                    f(C, "javax.net.ssl.SSLHandshakeException", "Client requested protocol TLSv1 is not enabled or supported in server context")),
            rec(OPENSSL, "SSL 2.0 CLIENT-HELLO", Phase.HANDSHAKE, true, SSL2, -1, FailureCode.NO_COMMON_PROTOCOL,
                    f(C, "io.netty.handler.ssl.NotSslRecordException", "not an SSL/TLS record")),
            rec(JDK, "SSL 2.0 CLIENT-HELLO", Phase.HANDSHAKE, true, SSL2, -1, FailureCode.NO_COMMON_PROTOCOL,
                    f(C, "io.netty.handler.ssl.NotSslRecordException", "not an SSL/TLS record: 801e010002000300000010010080000000000000000000000000000000000000")),
            rec(OPENSSL, "garbage application record after the handshake", Phase.AFTER_HANDSHAKE, true, JDK_13, -1, FailureCode.PROTOCOL_ERROR,
                    f(C, "io.netty.handler.codec.DecoderException", "io.netty.handler.ssl.ReferenceCountedOpenSslEngine$OpenSslException: error:1e000065:Cipher functions:OPENSSL_internal:BAD_DECRYPT"),
                    f(C, "io.netty.handler.ssl.ReferenceCountedOpenSslEngine$OpenSslException", "error:1e000065:Cipher functions:OPENSSL_internal:BAD_DECRYPT"),
                    f(C, "io.netty.handler.ssl.ReferenceCountedOpenSslEngine$OpenSslException", "error:1e000065:Cipher functions:OPENSSL_internal:BAD_DECRYPT")),
            rec(JDK, "garbage application record after the handshake", Phase.AFTER_HANDSHAKE, true, JDK_13, -1, FailureCode.PROTOCOL_ERROR,
                    f(C, "io.netty.handler.codec.DecoderException", "javax.net.ssl.SSLException: Tag mismatch!"),
                    f(C, "javax.net.ssl.SSLException", "Tag mismatch!"),
                    f(C, "javax.crypto.AEADBadTagException", "Tag mismatch!")),
            rec(OPENSSL, "openssl -tls1_2 with only an RSA cipher, EC key", Phase.HANDSHAKE, true, OPENSSL_12, -1, FailureCode.NO_COMMON_CIPHER,
                    f(C, "io.netty.handler.ssl.ReferenceCountedOpenSslEngine$OpenSslHandshakeException", "error:100000b8:SSL routines:OPENSSL_internal:NO_SHARED_CIPHER")),
            rec(JDK, "openssl -tls1_2 with only an RSA cipher, EC key", Phase.HANDSHAKE, true, OPENSSL_12, -1, FailureCode.NO_COMMON_CIPHER,
                    f(C, "javax.net.ssl.SSLHandshakeException", "no cipher suites in common")),
            rec(OPENSSL, "client certificate from an unknown root", Phase.HANDSHAKE, true, JDK_13, -1, FailureCode.CLIENT_CERT_UNTRUSTED,
                    f(C, "javax.net.ssl.SSLHandshakeException", "General OpenSslEngine problem"),
                    f(C, "sun.security.validator.ValidatorException", "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target"),
                    f(C, "sun.security.provider.certpath.SunCertPathBuilderException", "unable to find valid certification path to requested target")),
            rec(JDK, "client certificate from an unknown root", Phase.HANDSHAKE, true, JDK_13, -1, FailureCode.CLIENT_CERT_UNTRUSTED,
                    f(C, "javax.net.ssl.SSLHandshakeException", "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target"),
                    f(C, "sun.security.validator.ValidatorException", "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target"),
                    f(C, "sun.security.provider.certpath.SunCertPathBuilderException", "unable to find valid certification path to requested target")),
            rec(OPENSSL, "client sent no certificate", Phase.HANDSHAKE, true, JDK_13, -1, FailureCode.CLIENT_CERT_MISSING,
                    f(C, "io.netty.handler.ssl.ReferenceCountedOpenSslEngine$OpenSslHandshakeException", "error:100000c0:SSL routines:OPENSSL_internal:PEER_DID_NOT_RETURN_A_CERTIFICATE")),
            rec(JDK, "client sent no certificate", Phase.HANDSHAKE, true, JDK_13, -1, FailureCode.CLIENT_CERT_MISSING,
                    f(C, "javax.net.ssl.SSLHandshakeException", "Empty client certificate chain")),
            rec(OPENSSL, "hand-made TLS 1.0-only ClientHello", Phase.HANDSHAKE, true, TLS10, -1, FailureCode.NO_COMMON_PROTOCOL,
                    f(C, "io.netty.handler.ssl.ReferenceCountedOpenSslEngine$OpenSslHandshakeException", "error:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL")),
            rec(JDK, "hand-made TLS 1.0-only ClientHello", Phase.HANDSHAKE, true, TLS10, -1, FailureCode.NO_COMMON_PROTOCOL,
                    f(C, "javax.net.ssl.SSLHandshakeException", "Client requested protocol TLSv1 is not enabled or supported in server context")),
            rec(OPENSSL, "client closed after its whole ClientHello", Phase.HANDSHAKE, true, JDK_13, -1, FailureCode.HANDSHAKE_EOF,
                    f(C, "java.nio.channels.ClosedChannelException", null),
                    f(S, "io.netty.handler.ssl.StacklessSSLHandshakeException", "Connection closed while SSL/TLS handshake was in progress")),
            rec(JDK, "client closed after its whole ClientHello", Phase.HANDSHAKE, true, JDK_13, -1, FailureCode.HANDSHAKE_EOF,
                    f(C, "java.nio.channels.ClosedChannelException", null),
                    f(S, "io.netty.handler.ssl.StacklessSSLHandshakeException", "Connection closed while SSL/TLS handshake was in progress")),
            rec(OPENSSL, "connect and close, no byte", Phase.HANDSHAKE, false, NONE, -1, FailureCode.CONNECT_CLOSE_NO_HELLO,
                    f(C, "org.pfxkit.server.internal.ConnectionGuard$1", "the client closed the connection without sending a byte")),
            rec(JDK, "connect and close, no byte", Phase.HANDSHAKE, false, NONE, -1, FailureCode.CONNECT_CLOSE_NO_HELLO,
                    f(C, "org.pfxkit.server.internal.ConnectionGuard$1", "the client closed the connection without sending a byte")),
            rec(OPENSSL, "TCP reset after the whole ClientHello", Phase.HANDSHAKE, true, JDK_13, -1, FailureCode.HANDSHAKE_RESET,
                    f(C, "java.nio.channels.ClosedChannelException", null),
                    f(S, "io.netty.handler.ssl.StacklessSSLHandshakeException", "Connection closed while SSL/TLS handshake was in progress"),
                    f(T, "io.netty.channel.unix.Errors$NativeIoException", "recvAddress(..) failed with error(-104): Connection reset by peer")),
            rec(JDK, "TCP reset after the whole ClientHello", Phase.HANDSHAKE, true, JDK_13, -1, FailureCode.HANDSHAKE_RESET,
                    f(C, "java.nio.channels.ClosedChannelException", null),
                    f(S, "io.netty.handler.ssl.StacklessSSLHandshakeException", "Connection closed while SSL/TLS handshake was in progress"),
                    f(T, "io.netty.channel.unix.Errors$NativeIoException", "recvAddress(..) failed with error(-104): Connection reset by peer")),
            rec(OPENSSL, "TCP reset after 40 bytes of ClientHello", Phase.HANDSHAKE, true, NONE, -1, FailureCode.HANDSHAKE_RESET,
                    f(C, "io.netty.channel.unix.Errors$NativeIoException", "recvAddress(..) failed with error(-104): Connection reset by peer"),
                    f(T, "io.netty.channel.unix.Errors$NativeIoException", "recvAddress(..) failed with error(-104): Connection reset by peer")),
            rec(JDK, "TCP reset after 40 bytes of ClientHello", Phase.HANDSHAKE, true, NONE, -1, FailureCode.HANDSHAKE_RESET,
                    f(C, "io.netty.channel.unix.Errors$NativeIoException", "recvAddress(..) failed with error(-104): Connection reset by peer"),
                    f(T, "io.netty.channel.unix.Errors$NativeIoException", "recvAddress(..) failed with error(-104): Connection reset by peer")),
            rec(OPENSSL, "client closed after half its ClientHello", Phase.HANDSHAKE, true, NONE, -1, FailureCode.HANDSHAKE_EOF,
                    f(C, "org.pfxkit.server.internal.ConnectionGuard$1", "the client closed the connection in the middle of its ClientHello")),
            rec(JDK, "client closed after half its ClientHello", Phase.HANDSHAKE, true, NONE, -1, FailureCode.HANDSHAKE_EOF,
                    f(C, "org.pfxkit.server.internal.ConnectionGuard$1", "the client closed the connection in the middle of its ClientHello")),
            // --proxy-protocol (ProxyProtocolTest, netty-codec-haproxy 4.2.7): before any TLS engine, so one row each.
            rec(AUTO, "TLS client without a PROXY header", Phase.HANDSHAKE, false, NONE, -1, FailureCode.PROXY_HEADER_INVALID,
                    f(C, "io.netty.handler.codec.haproxy.HAProxyProtocolException", "the connection does not start with a PROXY protocol header (first bytes, hex: 16030301d4010001d0030353): a client that reached the port directly, or a balancer without send-proxy")),
            rec(AUTO, "v1 PROXY header with an invalid IPv4 address", Phase.HANDSHAKE, false, NONE, -1, FailureCode.PROXY_HEADER_INVALID,
                    f(C, "io.netty.handler.codec.haproxy.HAProxyProtocolException", "invalid PROXY protocol header: invalid HAProxy message: invalid IPv4 address: 192.0.2.300"),
                    f(C, "io.netty.handler.codec.haproxy.HAProxyProtocolException", "io.netty.handler.codec.haproxy.HAProxyProtocolException: invalid HAProxy message"),
                    f(C, "io.netty.handler.codec.haproxy.HAProxyProtocolException", "invalid HAProxy message"),
                    f(C, "java.lang.IllegalArgumentException", "invalid IPv4 address: 192.0.2.300")),
            rec(AUTO, "v1 PROXY header over 108 bytes", Phase.HANDSHAKE, false, NONE, -1, FailureCode.PROXY_HEADER_INVALID,
                    f(C, "io.netty.handler.codec.haproxy.HAProxyProtocolException", "invalid PROXY protocol header: header length (over 211) exceeds the allowed maximum (108)"),
                    f(C, "io.netty.handler.codec.haproxy.HAProxyProtocolException", "header length (over 211) exceeds the allowed maximum (108)")),
            rec(AUTO, "closed in the middle of the PROXY header", Phase.HANDSHAKE, false, NONE, -1, FailureCode.PROXY_HEADER_INVALID,
                    f(C, "io.netty.handler.codec.haproxy.HAProxyProtocolException", "the connection closed in the middle of its PROXY header")),
            rec(AUTO, "PROXY header, then a close", Phase.HANDSHAKE, false, NONE, -1, FailureCode.CONNECT_CLOSE_NO_HELLO,
                    f(C, "org.pfxkit.server.internal.ConnectionGuard$1", "the client closed the connection after its PROXY header, without sending a TLS byte"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    void eachRecordedCauseGetsItsCode(Recorded r) {
        Throwable cause = chain(r.frames(), C);
        Throwable transport = chain(r.frames(), T);
        // Suppressed exceptions (and their causes) hang on the top of the main chain, as Netty adds them.
        List<Frame> frames = r.frames();
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).relation().equals(S)) {
                int end = i + 1;
                while (end < frames.size() && frames.get(end).relation().equals("SC")) {
                    end++;
                }
                cause.addSuppressed(build(frames.subList(i, end)));
            }
        }
        FailureClassifier.Signals signals = new FailureClassifier.Signals(cause, r.phase(), r.gotBytes(), r.hello(),
                transport, r.peerAlert());
        assertEquals(r.expected(), FailureClassifier.classify(signals));
    }

    private static Throwable chain(List<Frame> frames, String relation) {
        return build(frames.stream().filter(f -> f.relation().equals(relation)).toList());
    }

    /** Builds a cause chain from its frames, innermost first, so each exception gets its cause at construction. */
    private static Throwable build(List<Frame> chain) {
        Throwable inner = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            inner = make(chain.get(i).className(), chain.get(i).message(), inner);
        }
        return inner;
    }

    /** Signals made by hand for what the recordings cannot show on their own. */
    static Stream<Arguments> handMadeSignals() {
        Throwable reset = new java.net.SocketException("Connection reset");
        return Stream.of(
                Arguments.of("Netty's handshake timeout is a handshake timeout", FailureCode.HANDSHAKE_TIMEOUT,
                        new FailureClassifier.Signals(new SslHandshakeTimeoutException(
                                "handshake timed out after 10000ms"), Phase.HANDSHAKE, true, JDK_13, null)),
                Arguments.of("a reset before any byte is a connect-and-close, not a handshake reset",
                        FailureCode.CONNECT_CLOSE_NO_HELLO,
                        new FailureClassifier.Signals(reset, Phase.HANDSHAKE, false, null, reset)),
                Arguments.of("a closed channel after the handshake is a peer reset, not an EOF",
                        FailureCode.PEER_RESET_AFTER_HANDSHAKE, new FailureClassifier.Signals(
                                new ClosedChannelException(), Phase.AFTER_HANDSHAKE, true, JDK_13, null)),
                Arguments.of("a reset in the middle of a PROXY header is an invalid header, not a connect-and-close",
                        FailureCode.PROXY_HEADER_INVALID, new FailureClassifier.Signals(new HAProxyProtocolException(
                                "the connection was reset in the middle of its PROXY header"), Phase.HANDSHAKE, false,
                                null, reset)),
                Arguments.of("an exception of our own is internal", FailureCode.INTERNAL,
                        new FailureClassifier.Signals(new IllegalStateException("a bug"), Phase.AFTER_HANDSHAKE,
                                true, JDK_13, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handMadeSignals")
    void eachHandMadeSignalGetsItsCode(String what, FailureCode expected, FailureClassifier.Signals signals) {
        assertEquals(expected, FailureClassifier.classify(signals));
    }

    @Test
    void theMessageSkipsANullMessageForTheSuppressedOne() {
        ClosedChannelException closed = new ClosedChannelException();
        closed.addSuppressed(new javax.net.ssl.SSLHandshakeException("Connection closed while SSL/TLS handshake"));
        assertEquals("Connection closed while SSL/TLS handshake", FailureClassifier.message(closed, null));
    }

    /** The recorded class with the message and cause, else its nearest public JDK/Netty ancestor that takes them. */
    private static Throwable make(String className, String message, Throwable cause) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            type = Exception.class;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            String pkg = c.getPackageName();
            if (!Modifier.isPublic(c.getModifiers())
                    || !(pkg.startsWith("java") || pkg.startsWith("javax") || pkg.startsWith("io.netty"))) {
                continue;
            }
            Throwable made = construct(c, message, cause);
            if (made != null) {
                return made;
            }
        }
        throw new IllegalArgumentException("cannot rebuild " + className);
    }

    private static Throwable construct(Class<?> c, String message, Throwable cause) {
        try {
            if (cause != null) {
                try {
                    Constructor<?> both = c.getConstructor(String.class, Throwable.class);
                    return (Throwable) both.newInstance(message, cause);
                } catch (NoSuchMethodException e) {
                    // fall through to the message-only constructor and initCause
                }
            }
            Throwable t;
            try {
                t = (Throwable) c.getConstructor(String.class).newInstance(message);
            } catch (NoSuchMethodException e) {
                t = (Throwable) c.getConstructor().newInstance();
            }
            if (cause != null) {
                t.initCause(cause);
            }
            return t;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
