import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Inputs of the certfind benchmark, made once and cached by bench/run-tools (java source-file mode, with
 * BouncyCastle's bcpkix on the class path: a shaded pfxkit jar or the jars in ~/.m2).
 *
 * <pre>java -cp CLASSPATH GenStores.java OUTDIR PEM_COUNT P12_COUNT</pre>
 *
 * Writes OUTDIR/bundle.pem (PEM_COUNT certificates), OUTDIR/store.p12 (P12_COUNT certificates: one key entry
 * for "hunter.bench.example" with its CA, the rest trusted-certificate entries, written by the JDK's own
 * PKCS12 KeyStore so that keytool -list sees every entry) and its password in OUTDIR/store.pwd.
 * Every certificate has its own subject; exactly one subject in each store contains "hunter", in the middle,
 * so a search must look at all of them. One CA key signs everything and the leaves share one key pair:
 * the benchmark measures reading and matching, and key generation would only make the set-up slow.
 */
public final class GenStores {
    private static final Date NOT_BEFORE = Date.from(Instant.parse("2026-01-01T00:00:00Z"));
    private static final Date NOT_AFTER = Date.from(Instant.parse("2036-01-01T00:00:00Z"));

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int pemCount = Integer.parseInt(args[1]);
        int p12Count = Integer.parseInt(args[2]);
        Files.createDirectories(out);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair caKeys = generator.generateKeyPair();
        KeyPair leafKeys = generator.generateKeyPair();
        X500Name caName = new X500Name("CN=Bench Root CA, O=pfxkit bench, C=US");
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        X509Certificate ca = converter.getCertificate(
                certificate(caName, caName, caKeys, BigInteger.ONE, true, signer));

        Path pem = out.resolve("bundle.pem");
        try (Writer writer = Files.newBufferedWriter(pem, StandardCharsets.US_ASCII)) {
            for (int i = 1; i <= pemCount; i++) {
                writePem(writer, leaf(caName, leafKeys, i, pemCount, signer).getEncoded());
            }
        }

        char[] password = "bench-store-password".toCharArray();
        Files.writeString(out.resolve("store.pwd"), new String(password) + "\n");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("bench-root-ca", ca);
        for (int i = 1; i <= p12Count - 1; i++) {
            X509Certificate certificate = converter.getCertificate(leaf(caName, leafKeys, i, p12Count, signer));
            if (i == p12Count / 2) {
                PrivateKey key = leafKeys.getPrivate();
                store.setKeyEntry("hunter", key, password, new Certificate[] {certificate, ca});
            } else {
                store.setCertificateEntry(String.format("cert-%05d", i), certificate);
            }
        }
        try (OutputStream stream = Files.newOutputStream(out.resolve("store.p12"))) {
            store.store(stream, password);
        }
        System.out.printf("wrote %s (%d certificates) and %s (%d certificates)%n", pem, pemCount,
                out.resolve("store.p12"), store.size());
    }

    /** Leaf i of n; the one in the middle is hunter.bench.example, the rest host-NNNNN.bench.example. */
    private static X509CertificateHolder leaf(X500Name issuer, KeyPair keys, int i, int n, ContentSigner signer)
            throws IOException {
        String host = i == n / 2 ? "hunter" : String.format("host-%05d", i);
        X500Name subject = new X500Name("CN=" + host + ".bench.example, OU=Unit " + (i % 97)
                + ", O=Bench Org " + (i % 13) + ", L=Springfield, C=US");
        return certificate(issuer, subject, keys, BigInteger.valueOf(1000L + i), false, signer);
    }

    private static X509CertificateHolder certificate(X500Name issuer, X500Name subject, KeyPair keys,
            BigInteger serial, boolean ca, ContentSigner signer) throws IOException {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, NOT_BEFORE, NOT_AFTER,
                subject, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return builder.build(signer);
    }

    private static void writePem(Writer writer, byte[] der) throws IOException {
        writer.write("-----BEGIN CERTIFICATE-----\n");
        writer.write(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der));
        writer.write("\n-----END CERTIFICATE-----\n");
    }
}
