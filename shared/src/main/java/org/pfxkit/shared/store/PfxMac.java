package org.pfxkit.shared.store;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * The PFX integrity MAC (RFC 7292 section 5.1 and appendix B): HMAC over the AuthenticatedSafe's content octets, keyed
 * by the PKCS#12 key derivation with ID 3 from the BMP password, computed by SunJCE's {@code HmacPBESHA256} and
 * {@code HmacPBESHA1}, the very code the JDK's PKCS12 KeyStore verifies it with. The empty password is derived from
 * {@code 00 00}, as openssl ({@code PKCS12_key_gen_utf8} in crypto/pkcs12/p12_key.c), the JDK and pyca do;
 * BouncyCastle's {@code JcePKCS12MacCalculatorBuilder} would derive it from zero bytes.
 */
record PfxMac(byte[] salt, Mac mac, Profile profile, int iterations) {
    /**
     * The MAC keyed and ready: derived before the content exists, so the derivation can run beside the bags'. The
     * password must be printable ASCII (SunJCE's PBE keys refuse anything else); the caller checks it.
     */
    static PfxMac derive(char[] password, Profile profile, int iterations) {
        byte[] salt = PbeEncryption.salt();
        try {
            PBEKeySpec spec = new PBEKeySpec(password);
            SecretKey key = SecretKeyFactory.getInstance("PBE").generateSecret(spec);
            spec.clearPassword();
            Mac mac = Mac.getInstance(profile == Profile.MODERN ? "HmacPBESHA256" : "HmacPBESHA1");
            mac.init(key, new PBEParameterSpec(salt, iterations));
            return new PfxMac(salt, mac, profile, iterations);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the PKCS#12 MAC algorithms are not available in this Java runtime", e);
        }
    }

    MacData compute(byte[] authenticatedSafe) {
        // openssl writes the digest AlgorithmIdentifier with NULL parameters; so do we.
        AlgorithmIdentifier digest = new AlgorithmIdentifier(profile == Profile.MODERN ? NISTObjectIdentifiers.id_sha256
                : OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE);
        return new MacData(new DigestInfo(digest, mac.doFinal(authenticatedSafe)), salt, iterations);
    }
}
