package org.pfxkit.shared.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.engines.RC2Engine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEOutputEncryptorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Builds PKCS#12 files in tests with bcpkix, one iteration everywhere so that thousands can be opened quickly:
 * {@code TestPfx.password("pw").aes(cert(leaf, "leaf", ID)).plain(key(leafKey, ID)).withMac()}. Each {@code plain},
 * {@code aes} or {@code rc2} call adds one SafeContents holding the given bags in the given order.
 */
final class TestPfx {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final PKCS12PfxPduBuilder builder = new PKCS12PfxPduBuilder();
    private final char[] password;
    private int iterations = 1;

    private TestPfx(char[] password) {
        this.password = password;
    }

    static TestPfx password(String password) {
        return new TestPfx(password.toCharArray());
    }

    /** The iteration count of the encryption added from here on (the MAC keeps one). */
    TestPfx iterations(int count) {
        iterations = count;
        return this;
    }

    static PKCS12SafeBag cert(X509Certificate certificate, String friendlyName, byte[] localKeyId) {
        try {
            return attributes(new JcaPKCS12SafeBagBuilder(certificate), friendlyName, localKeyId).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An unencrypted keyBag. */
    static PKCS12SafeBag key(PrivateKey key, byte[] localKeyId) {
        return attributes(new JcaPKCS12SafeBagBuilder(key), null, localKeyId).build();
    }

    /** A pkcs8ShroudedKeyBag with pbeWithSHAAnd3-KeyTripleDES-CBC, as openssl -legacy and Windows write. */
    PKCS12SafeBag shroudedKey(PrivateKey key, byte[] localKeyId) {
        OutputEncryptor encryptor = new BcPKCS12PBEOutputEncryptorBuilder(
                PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC, CBCBlockCipher.newInstance(new DESedeEngine()))
                .setIterationCount(iterations).build(password);
        return attributes(new JcaPKCS12SafeBagBuilder(key, encryptor), null, localKeyId).build();
    }

    TestPfx plain(PKCS12SafeBag... bags) {
        try {
            for (PKCS12SafeBag bag : bags) {
                builder.addData(bag);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One encrypted SafeContents: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC (openssl 3's default). */
    TestPfx aes(PKCS12SafeBag... bags) {
        try {
            OutputEncryptor encryptor = new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                    .setProvider(BC).setIterationCount(iterations)
                    .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                    .build(password);
            builder.addEncryptedData(encryptor, bags);
            return this;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One encrypted SafeContents: pbeWithSHAAnd40BitRC2-CBC (openssl -legacy's certificate encryption). */
    TestPfx rc2(PKCS12SafeBag... bags) {
        try {
            OutputEncryptor encryptor = new BcPKCS12PBEOutputEncryptorBuilder(
                    PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC2_CBC, CBCBlockCipher.newInstance(new RC2Engine()))
                    .setIterationCount(iterations).build(password);
            builder.addEncryptedData(encryptor, bags);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DER with a SHA-256 MAC of one iteration. */
    byte[] withMac() {
        try {
            return builder.build(new BcPKCS12MacCalculatorBuilder(new SHA256Digest(),
                    new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)).setIterationCount(1),
                    password).getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** DER without a MAC (RFC 7292 makes macData optional). */
    byte[] withoutMac() {
        try {
            return builder.build(null, null).getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PKCS12SafeBagBuilder attributes(PKCS12SafeBagBuilder bag, String friendlyName, byte[] localKeyId) {
        if (friendlyName != null) {
            bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
        }
        if (localKeyId != null) {
            bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
        }
        return bag;
    }
}
