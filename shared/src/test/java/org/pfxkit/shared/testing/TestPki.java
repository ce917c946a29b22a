package org.pfxkit.shared.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates and keys for tests, made at run time in a line or two (after OkHttp's HeldCertificate):
 * <pre>
 * TestPki.Issued root = TestPki.rootCa("pfxkit Test Root");
 * TestPki.Issued inter = root.issue(TestPki.ca("pfxkit Test Intermediate"));
 * TestPki.Issued leaf = inter.issue(TestPki.leaf("hunter.example.com"));
 * leaf.chain();   // leaf, intermediate, root
 * </pre>
 * Subjects given as plain words become {@code CN=word}; a string with '=' is taken as an RFC 4514 name. Key pairs are
 * cached per type and name so a test class pays for RSA key generation once.
 */
public final class TestPki {
    public enum KeyType { EC_P256, EC_P384, EC_P521, RSA_2048, RSA_3072, ED25519, ED448 }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final Map<String, KeyPair> KEY_CACHE = new ConcurrentHashMap<>();

    private TestPki() {
    }

    /** What to issue: a subject plus the knobs tests turn. */
    public static final class Spec {
        private X500Name subject;
        private KeyType keyType = KeyType.EC_P256;
        private boolean ca;
        private final List<String> dnsNames = new ArrayList<>();
        private final List<KeyPurposeId> ekus = new ArrayList<>();
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private String keyCacheName;
        private boolean keyIdentifiers = true;

        private Spec(String subject) {
            this.subject = name(subject);
        }

        public Spec subject(X500Name name) {
            this.subject = name;
            return this;
        }

        public Spec keyType(KeyType type) {
            this.keyType = type;
            return this;
        }

        public Spec dns(String... names) {
            dnsNames.addAll(List.of(names));
            return this;
        }

        public Spec serverAuth() {
            ekus.add(KeyPurposeId.id_kp_serverAuth);
            return this;
        }

        public Spec clientAuthOnly() {
            ekus.clear();
            ekus.add(KeyPurposeId.id_kp_clientAuth);
            return this;
        }

        public Spec validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        public Spec expired() {
            return validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
        }

        /** Reuse one cached key pair for every spec given the same name (fast, and lets tests share a key). */
        public Spec sharedKey(String name) {
            this.keyCacheName = name;
            return this;
        }

        /** Leave out subject and authority key identifiers (old CAs did), to test name-only chain building. */
        public Spec withoutKeyIdentifiers() {
            this.keyIdentifiers = false;
            return this;
        }
    }

    /** A certificate with its private key and the chain that issued it. */
    public record Issued(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> issuers) {
        public PrivateKey privateKey() {
            return keyPair.getPrivate();
        }

        public PublicKey publicKey() {
            return keyPair.getPublic();
        }

        /** This certificate, then its issuers up to the root. */
        public List<X509Certificate> chain() {
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            chain.addAll(issuers);
            return chain;
        }

        public Issued issue(Spec spec) {
            return TestPki.issue(spec, this);
        }

        public String certificatePem() {
            return pem(certificate);
        }

        /** The key as unencrypted PKCS#8 ("PRIVATE KEY"). */
        public String privateKeyPem() {
            return pem(keyPair.getPrivate());
        }
    }

    public static Spec ca(String subject) {
        Spec spec = new Spec(subject);
        spec.ca = true;
        spec.notAfter = Instant.now().plus(Duration.ofDays(3650));
        return spec;
    }

    public static Spec leaf(String subject) {
        Spec spec = new Spec(subject);
        if (!subject.contains("=") && subject.contains(".")) {
            spec.dnsNames.add(subject);
        }
        return spec;
    }

    public static Issued rootCa(String subject) {
        return issue(ca(subject), null);
    }

    public static Issued selfSigned(Spec spec) {
        return issue(spec, null);
    }

    public static Issued issue(Spec spec, Issued issuer) {
        try {
            KeyPair keyPair = spec.keyCacheName == null ? generate(spec.keyType)
                    : KEY_CACHE.computeIfAbsent(spec.keyType + "/" + spec.keyCacheName, k -> generate(spec.keyType));
            X500Name issuerName = issuer == null ? spec.subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            PrivateKey signingKey = issuer == null ? keyPair.getPrivate() : issuer.privateKey();
            PublicKey issuerPublic = issuer == null ? keyPair.getPublic() : issuer.publicKey();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(spec.notBefore), Date.from(spec.notAfter),
                    spec.subject, keyPair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            if (spec.keyIdentifiers) {
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(keyPair.getPublic()));
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerPublic));
            }
            if (spec.ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                        | (spec.keyType.name().startsWith("RSA") ? KeyUsage.keyEncipherment : 0)));
            }
            if (!spec.ekus.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(spec.ekus.toArray(KeyPurposeId[]::new)));
            }
            if (!spec.dnsNames.isEmpty()) {
                GeneralName[] names = spec.dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            List<X509Certificate> issuers = issuer == null ? List.of() : issuer.chain();
            return new Issued(certificate, keyPair, issuers);
        } catch (Exception e) {
            throw new IllegalStateException("test certificate generation failed", e);
        }
    }

    public static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator generator;
            switch (type) {
                case EC_P256, EC_P384, EC_P521 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    String curve = switch (type) {
                        case EC_P256 -> "secp256r1";
                        case EC_P384 -> "secp384r1";
                        default -> "secp521r1";
                    };
                    generator.initialize(new ECGenParameterSpec(curve), new SecureRandom());
                }
                case RSA_2048, RSA_3072 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(type == KeyType.RSA_2048 ? 2048 : 3072);
                }
                case ED25519 -> generator = KeyPairGenerator.getInstance("Ed25519");
                case ED448 -> generator = KeyPairGenerator.getInstance("Ed448");
                default -> throw new IllegalArgumentException(type.toString());
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException("key generation failed for " + type, e);
        }
    }

    /** PEM text of certificates, keys (PKCS#8) or any object JcaPEMWriter knows. */
    public static String pem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                if (o instanceof PrivateKey key) {
                    writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
                } else {
                    writer.writeObject(o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public static Path writePem(Path file, Object... objects) {
        try {
            Files.writeString(file, pem(objects), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X500Name name(String subject) {
        return new X500Name(subject.contains("=") ? subject : "CN=" + subject.replace(",", "\\,"));
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519" -> "Ed25519";
            case "Ed448" -> "Ed448";
            case "EdDSA" -> key instanceof java.security.interfaces.EdECKey ed ? ed.getParams().getName()
                    : key.getClass().getName().contains("448") ? "Ed448" : "Ed25519";
            default -> throw new IllegalArgumentException("no signature algorithm for " + key.getAlgorithm());
        };
    }
}
