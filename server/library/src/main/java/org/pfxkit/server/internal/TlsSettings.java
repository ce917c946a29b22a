package org.pfxkit.server.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.pfxkit.server.TlsProfile;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * What a profile offers, stated once for both engines: versions, cipher suites (IANA names, which Netty maps to
 * BoringSSL's), key-exchange groups and, for the JDK engine, signature schemes. Stating them instead of taking each
 * engine's defaults is what keeps the two engines alike under outside checkers (testssl, tlsfuzzer).
 */
public final class TlsSettings {
    /** RFC 8446 section 9.1: all three TLS 1.3 suites. */
    static final List<String> TLS13_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    /** Mozilla "intermediate" for TLS 1.2 without DHE: ECDHE, AEAD only, ECDSA and RSA certificates. */
    static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /**
     * BoringSSL's groups, best first: the hybrid post-quantum X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem; what Chrome,
     * Firefox and Cloudflare offer first), then the classical ones. Named here rather than left to Netty's default so
     * that the offer does not depend on how Netty probes the native library.
     */
    static final String[] BORINGSSL_GROUPS = {"X25519MLKEM768", "x25519", "secp256r1", "secp384r1"};
    /** The JDK's groups (JDK 25 has no ML-KEM hybrid in TLS): Mozilla's list. No finite-field groups. */
    static final String[] JDK_GROUPS = {"x25519", "secp256r1", "secp384r1"};
    /** The code points of those groups (IANA TLS Supported Groups registry). */
    private static final Map<String, Integer> GROUP_CODES = Map.of("X25519MLKEM768", 0x11ec, "x25519", 0x001d,
            "secp256r1", 0x0017, "secp384r1", 0x0018);

    /** The code points of an engine's groups. */
    static Set<Integer> groupCodes(String[] groups) {
        return Arrays.stream(groups).map(GROUP_CODES::get).collect(Collectors.toUnmodifiableSet());
    }
    /**
     * The JDK engine's signature schemes: SHA-2 and EdDSA only. Without SHA-1 no TLS 1.3 CertificateVerify can be made
     * with it (RFC 8446 section 4.4.3 forbids it), and a client whose schemes do not fit our key gets
     * handshake_failure at ClientHello time instead of an internal_error after the ServerHello. The ecdsa_secp*
     * schemes name their curve in TLS 1.3, so a P-256 key signs only with ecdsa_secp256r1_sha256 there.
     */
    static final String[] JDK_SIGNATURE_SCHEMES = {
        "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512", "ed25519", "ed448",
        "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
        "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
        "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512"
    };

    /**
     * The TLS 1.3 signature schemes a key can sign with (RFC 8446 section 4.2.3: ECDSA schemes name their curve;
     * rsa_pss_rsae for an rsaEncryption key, rsa_pss_pss for an RSASSA-PSS key); null for a key not judged here.
     */
    static Set<Integer> tls13Schemes(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            return switch (ec.getParams().getCurve().getField().getFieldSize()) {
                case 256 -> Set.of(0x0403);
                case 384 -> Set.of(0x0503);
                case 521 -> Set.of(0x0603);
                default -> null;
            };
        }
        if (key instanceof RSAPublicKey) {
            return key.getAlgorithm().equals("RSASSA-PSS") ? Set.of(0x0809, 0x080a, 0x080b)
                    : Set.of(0x0804, 0x0805, 0x0806);
        }
        return switch (key.getAlgorithm()) {
            case "Ed25519" -> Set.of(0x0807);
            case "Ed448" -> Set.of(0x0808);
            default -> null;
        };
    }

    private final List<String> protocols;
    private final List<String> cipherSuites;

    private TlsSettings(List<String> protocols, List<String> cipherSuites) {
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
    }

    /** The settings for a profile and the versions asked for (already resolved by {@link ProtocolPolicy}). */
    public static TlsSettings of(TlsProfile profile, List<String> protocols) throws PfxkitException {
        List<String> versions = new ArrayList<>(protocols);
        if (profile == TlsProfile.MODERN) {
            versions.retainAll(List.of("TLSv1.3"));
            if (versions.isEmpty()) {
                throw new PfxkitException(Problem.BAD_USAGE, "the modern TLS profile offers TLS 1.3 only, and the "
                        + "protocols asked for do not include it", "leave out --protocols, or use the intermediate "
                        + "profile for TLS 1.2");
            }
        }
        List<String> suites = new ArrayList<>(TLS13_SUITES);
        if (versions.contains("TLSv1.2")) {
            suites.addAll(TLS12_SUITES);
        }
        return new TlsSettings(List.copyOf(versions), List.copyOf(suites));
    }

    public List<String> protocols() {
        return protocols;
    }

    List<String> cipherSuites() {
        return cipherSuites;
    }

    /**
     * The JDK engine's per-connection parameters (Java 20+ SSLParameters API): groups and signature schemes for this
     * engine only, never the JVM-wide jdk.tls.namedGroups / jdk.tls.server.SignatureSchemes properties.
     */
    static void configureJdk(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setNamedGroups(JDK_GROUPS);
        parameters.setSignatureSchemes(JDK_SIGNATURE_SCHEMES);
        engine.setSSLParameters(parameters);
    }
}
