package org.pfxkit.convert;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.io.OutputBatch;

/**
 * A throw-away EC P-256 key and a self-signed certificate for localhost (30 days), written as {@code localhost.key}
 * and {@code localhost.crt}: the input of {@code pfxconvert --demo}, which then converts them like any user's files.
 */
final class DemoMaterial {
    static final String NAME = "localhost";

    private DemoMaterial() {
    }

    /** Writes the key (0600) and the certificate into the folder; returns them, key first. */
    static List<Path> write(Path folder, boolean force) throws PfxkitException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + NAME);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(30))),
                    subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, NAME), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509CertificateHolder certificate = builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            Path key = folder.resolve(NAME + ".key");
            Path crt = folder.resolve(NAME + ".crt");
            new OutputBatch()
                    .addSecret(key, PemText.block("PRIVATE KEY", pair.getPrivate().getEncoded(), true))
                    .add(crt, PemText.block("CERTIFICATE", certificate.getEncoded(), false))
                    .commit(force);
            return List.of(key, crt);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw PfxkitException.internal("generating or encoding the demo key and certificate failed", e);
        }
    }
}
