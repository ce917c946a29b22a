package org.pfxkit.server.internal;

import java.util.List;

/**
 * What the first bytes of a connection showed.
 *
 * @param kind            what they are
 * @param sniName         the server_name the client asked for, sanitised, or null
 * @param offeredVersions protocol versions offered, best first (from supported_versions, else the legacy version)
 * @param offeredAlpn     ALPN protocol names offered, sanitised
 */
public record ClientHello(Kind kind, String sniName, List<String> offeredVersions, List<String> offeredAlpn) {

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
