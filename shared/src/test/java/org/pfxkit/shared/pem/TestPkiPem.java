package org.pfxkit.shared.pem;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptor;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Writes keys the way openssl's traditional commands do, with BouncyCastle, for the reader's tests. */
final class TestPkiPem {
    private TestPkiPem() {
    }

    /** "RSA PRIVATE KEY" (PKCS#1) or "EC PRIVATE KEY" (SEC1), optionally with DEK-Info encryption. */
    static String traditional(KeyPair pair, PEMEncryptor encryptor) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaMiscPEMGenerator(traditionalInfo(pair), encryptor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static String traditional(KeyPair pair) {
        return traditional(pair, null);
    }

    /** The DER inside the traditional PEM: PKCS#1 RSAPrivateKey or SEC1 ECPrivateKey (naming its curve). */
    static byte[] traditionalDer(KeyPair pair) {
        try {
            return traditionalInfo(pair).parsePrivateKey().toASN1Primitive().getEncoded("DER");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The key's PrivateKeyInfo; for EC with the curve and public key inside the SEC1 structure as openssl writes it
     * (the JDK's PKCS#8 leaves them out, and BouncyCastle's writer copies that inner structure as it is).
     */
    static PrivateKeyInfo traditionalInfo(KeyPair pair) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
            if (!(pair.getPrivate() instanceof java.security.interfaces.ECPrivateKey ec)) {
                return info;
            }
            org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki =
                    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
            org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                    ec.getParams().getOrder().bitLength(), ec.getS(), spki.getPublicKeyData(),
                    info.getPrivateKeyAlgorithm().getParameters());
            return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), sec1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
