package org.pfxkit.convert;

import java.util.Arrays;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The PFX integrity MAC (RFC 7292 section 5.1 and appendix B): HMAC over the AuthenticatedSafe's content octets, keyed
 * by the PKCS#12 key derivation with ID 3 from the BMP password. Computed here rather than by BouncyCastle's
 * {@code JcePKCS12MacCalculatorBuilder}, which derives the key from zero bytes for an empty password where openssl
 * ({@code PKCS12_key_gen_utf8} in crypto/pkcs12/p12_key.c), the JDK and pyca use {@code 00 00}.
 */
final class PfxMac {
    private PfxMac() {
    }

    /** The MAC's salt and key: derived before the content exists, so the derivation can run beside the bags'. */
    record Key(byte[] salt, KeyParameter key, Profile profile, int iterations) {
    }

    static Key deriveKey(char[] password, Profile profile, int iterations) {
        byte[] salt = PbeEncryption.salt();
        byte[] passwordBytes = PbeEncryption.bmpPassword(password);
        try {
            PKCS12ParametersGenerator generator = new PKCS12ParametersGenerator(digest(profile));
            generator.init(passwordBytes, salt, iterations);
            int bits = digest(profile).getDigestSize() * 8;
            return new Key(salt, (KeyParameter) generator.generateDerivedMacParameters(bits), profile, iterations);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    static MacData compute(byte[] authenticatedSafe, Key key) {
        HMac hmac = new HMac(digest(key.profile()));
        hmac.init(key.key());
        hmac.update(authenticatedSafe, 0, authenticatedSafe.length);
        byte[] mac = new byte[hmac.getMacSize()];
        hmac.doFinal(mac, 0);
        // openssl writes the digest AlgorithmIdentifier with NULL parameters; so do we.
        DigestInfo digestInfo = new DigestInfo(new AlgorithmIdentifier(digestOid(key.profile()), DERNull.INSTANCE),
                mac);
        return new MacData(digestInfo, key.salt(), key.iterations());
    }

    private static Digest digest(Profile profile) {
        return profile == Profile.MODERN ? new SHA256Digest() : new SHA1Digest();
    }

    private static ASN1ObjectIdentifier digestOid(Profile profile) {
        return profile == Profile.MODERN ? NISTObjectIdentifiers.id_sha256 : OIWObjectIdentifiers.idSHA1;
    }
}
