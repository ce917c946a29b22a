package org.pfxkit.shared.pem;

import java.util.List;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.pem.Der.DerException;
import org.pfxkit.shared.pem.Der.Tlv;

/**
 * scrypt as the PBES2 key derivation of {@code openssl pkcs8 -topk8 -scrypt} (RFC 7914 section 7). The JDK has no
 * scrypt, so BouncyCastle's lightweight one is used; the class is loaded only for such keys.
 */
final class Scrypt {
    /** OpenSSL's own default limit (crypto/evp/pbe_scrypt.c SCRYPT_MAX_MEM is 32 MiB), doubled. */
    private static final long MAX_MEMORY = 64L * 1024 * 1024;

    private Scrypt() {
    }

    /** params: SEQUENCE { salt OCTET STRING, cost INTEGER, blockSize INTEGER, parallelization INTEGER, keyLength? }. */
    static byte[] derive(List<Tlv> params, int keyLength, Origin origin, byte[] password)
            throws DerException, PfxkitException {
        if (!params.get(0).is(Der.OCTET_STRING)) {
            throw new DerException("scrypt salt is not an OCTET STRING", false);
        }
        int n = params.get(1).smallInt();
        int r = params.get(2).smallInt();
        int p = params.get(3).smallInt();
        if (n < 2 || Integer.bitCount(n) != 1 || r < 1 || p < 1) {
            throw new DerException("scrypt parameters N=" + n + " r=" + r + " p=" + p + " are not valid", false);
        }
        if (128L * r * n + 128L * r * p > MAX_MEMORY) {
            throw EncryptedKeys.unsupported(origin, "scrypt parameters N=" + n + " r=" + r + " p=" + p
                    + " that need more than " + (MAX_MEMORY >> 20) + " MiB");
        }
        return org.bouncycastle.crypto.generators.SCrypt.generate(password, params.get(0).content(), n, r, p,
                keyLength);
    }
}
