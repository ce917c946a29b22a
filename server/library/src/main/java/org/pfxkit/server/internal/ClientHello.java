package org.pfxkit.server.internal;

import java.util.List;

/**
 * What the first bytes of a connection showed.
 *
 * @param kind            what they are
 * @param sniName         the server_name the client asked for, sanitised, or null
 * @param offeredVersions protocol versions offered, best first (from supported_versions, else the legacy version)
 * @param offeredAlpn     ALPN protocol names offered, sanitised
 * @param defect          what makes a hello that parsed malformed, answered with an alert before any engine sees it;
 *                        null for a well-formed one
 * @param signatureSchemes the signature_algorithms extension's code points (RFC 8446 section 4.2.3), or null when
 *                        the hello has none
 * @param supportedGroups the supported_groups extension's code points (RFC 8446 section 4.2.7, RFC 8422 section
 *                        5.1.1), or null when the hello has none
 */
public record ClientHello(Kind kind, String sniName, List<String> offeredVersions, List<String> offeredAlpn,
                          Defect defect, List<Integer> signatureSchemes, List<Integer> supportedGroups) {

    public ClientHello(Kind kind, String sniName, List<String> offeredVersions, List<String> offeredAlpn) {
        this(kind, sniName, offeredVersions, offeredAlpn, null, null, null);
    }

    /**
     * A malformation found in a ClientHello. The engines do not all refuse these (JDK 25 takes 31- and 33-byte X25519
     * shares and trailing bytes, answers an all-zero share with a ServerHello then a bare close, and a malformed
     * signature_algorithms extension with a close and no alert), so the toolkit answers them itself.
     *
     * @param alert  the TLS alert description: 50 decode_error, 47 illegal_parameter, 22 record_overflow (RFC 8446
     *               section 6.2)
     * @param reason for the failure event
     */
    public record Defect(int alert, String reason) {
        static Defect decode(String reason) {
            return new Defect(50, reason);
        }
    }

    public enum Kind {
        /** A TLS record carrying a ClientHello that parsed. */
        TLS_HELLO,
        /** An SSL 2.0-format ClientHello (RFC 6101 appendix E.2): only ancient clients send one. */
        SSL2_HELLO,
        /** Starts like TLS but the hello does not parse; the TLS engine gets it and reports a protocol error. */
        MALFORMED_TLS,
        /** A plaintext HTTP request. */
        HTTP,
        /** Anything else. */
        OTHER
    }

    static final ClientHello SSL2 = new ClientHello(Kind.SSL2_HELLO, null, List.of("SSLv2"), List.of());
    static final ClientHello MALFORMED = new ClientHello(Kind.MALFORMED_TLS, null, List.of(), List.of());
    static final ClientHello HTTP_REQUEST = new ClientHello(Kind.HTTP, null, List.of(), List.of());
    static final ClientHello NOT_TLS = new ClientHello(Kind.OTHER, null, List.of(), List.of());

    /** A hello refused for what its framing or fixed fields show, before its extensions are read. */
    static ClientHello refused(Defect defect) {
        return new ClientHello(Kind.TLS_HELLO, null, List.of(), List.of(), defect, null, null);
    }

    public boolean isTls() {
        return kind == Kind.TLS_HELLO || kind == Kind.SSL2_HELLO || kind == Kind.MALFORMED_TLS;
    }

    /** True when the client offered nothing newer than TLS 1.1. */
    public boolean onlyLegacyVersions() {
        if (offeredVersions.isEmpty()) {
            return false;
        }
        for (String v : offeredVersions) {
            if (v.equals("TLSv1.2") || v.equals("TLSv1.3")) {
                return false;
            }
        }
        return true;
    }
}
