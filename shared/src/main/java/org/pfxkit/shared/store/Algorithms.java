package org.pfxkit.shared.store;

import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.digests.SHA512tDigest;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/** Digest and HMAC algorithm identifiers met in PKCS#12 MACs and PBKDF2 PRFs (RFC 7292, RFC 8018 appendix B.1). */
final class Algorithms {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(PKCSObjectIdentifiers.id_PBES2.getId(), "PBES2"),
            Map.entry(PKCSObjectIdentifiers.id_PBKDF2.getId(), "PBKDF2"),
            Map.entry(PKCSObjectIdentifiers.id_PBMAC1.getId(), "PBMAC1"),
            Map.entry(NISTObjectIdentifiers.id_aes128_CBC.getId(), "AES-128-CBC"),
            Map.entry(NISTObjectIdentifiers.id_aes192_CBC.getId(), "AES-192-CBC"),
            Map.entry(NISTObjectIdentifiers.id_aes256_CBC.getId(), "AES-256-CBC"),
            Map.entry(PKCSObjectIdentifiers.des_EDE3_CBC.getId(), "DES-EDE3-CBC"),
            Map.entry("1.3.6.1.4.1.11591.4.11", "scrypt"),
            Map.entry(PKCSObjectIdentifiers.envelopedData.getId(), "public-key encryption (envelopedData)"),
            Map.entry(PKCSObjectIdentifiers.signedData.getId(), "public-key integrity (signedData)"));

    private Algorithms() {
    }

    static String name(ASN1ObjectIdentifier oid) {
        String name = NAMES.get(oid.getId());
        return name == null ? oid.getId() : name + " (" + oid.getId() + ")";
    }

    /** The hash of a PBKDF2 PRF or a PBMAC1 message authentication scheme (hmacWithSHA*). */
    static Digest hmacDigest(ASN1ObjectIdentifier hmac, String where) throws PfxkitException {
        String id = hmac.getId();
        Digest digest = switch (id) {
            case "1.2.840.113549.2.7" -> new SHA1Digest();
            case "1.2.840.113549.2.8" -> new SHA224Digest();
            case "1.2.840.113549.2.9" -> new SHA256Digest();
            case "1.2.840.113549.2.10" -> new SHA384Digest();
            case "1.2.840.113549.2.11" -> new SHA512Digest();
            case "1.2.840.113549.2.12" -> new SHA512tDigest(224);
            case "1.2.840.113549.2.13" -> new SHA512tDigest(256);
            default -> null;
        };
        if (digest == null) {
            throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, where + " uses PRF " + name(hmac)
                    + ", which pfxkit does not read", "re-export the store with HMAC-SHA256");
        }
        return digest;
    }

    /** The digest of a classic PKCS#12 MAC (RFC 7292 section 4, MacData.mac.digestAlgorithm). */
    static Digest macDigest(ASN1ObjectIdentifier oid, String where) throws PfxkitException {
        if (oid.equals(OIWObjectIdentifiers.idSHA1)) {
            return new SHA1Digest();
        } else if (oid.equals(NISTObjectIdentifiers.id_sha224)) {
            return new SHA224Digest();
        } else if (oid.equals(NISTObjectIdentifiers.id_sha256)) {
            return new SHA256Digest();
        } else if (oid.equals(NISTObjectIdentifiers.id_sha384)) {
            return new SHA384Digest();
        } else if (oid.equals(NISTObjectIdentifiers.id_sha512)) {
            return new SHA512Digest();
        } else if (oid.equals(NISTObjectIdentifiers.id_sha512_224)) {
            return new SHA512tDigest(224);
        } else if (oid.equals(NISTObjectIdentifiers.id_sha512_256)) {
            return new SHA512tDigest(256);
        } else if (oid.equals(PKCSObjectIdentifiers.md5)) {
            return new MD5Digest();
        }
        throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, where + " uses MAC digest " + name(oid)
                + ", which pfxkit does not read", "re-export the store with a SHA-256 MAC");
    }
}
