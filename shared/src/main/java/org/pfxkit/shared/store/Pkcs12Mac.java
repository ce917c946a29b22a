package org.pfxkit.shared.store;

import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PBMAC1Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * Checks a PFX's password integrity MAC: the classic HMAC keyed by the PKCS#12 KDF (RFC 7292 section 4 and appendix
 * B.4) and PBMAC1 (RFC 9579: HMAC keyed by PBKDF2, salt and iterations in the PBMAC1 parameters, MacData's own salt
 * and iteration count ignored).
 */
final class Pkcs12Mac {
    private Pkcs12Mac() {
    }

    /** True when the MAC over {@code authSafe} verifies with this password encoding. */
    static boolean verifies(MacData macData, byte[] authSafe, Pkcs12Password password, String where)
            throws PfxkitException {
        AlgorithmIdentifier algorithm = macData.getMac().getAlgorithmId();
        byte[] expected = macData.getMac().getDigest();
        HMac hmac;
        if (PKCSObjectIdentifiers.id_PBMAC1.equals(algorithm.getAlgorithm())) {
            PBMAC1Params params = PBMAC1Params.getInstance(algorithm.getParameters());
            if (!PKCSObjectIdentifiers.id_PBKDF2.equals(params.getKeyDerivationFunc().getAlgorithm())) {
                throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, where + ": PBMAC1 with key derivation "
                        + Algorithms.name(params.getKeyDerivationFunc().getAlgorithm()) + " is not supported",
                        "re-export the store with a SHA-256 MAC");
            }
            PBKDF2Params kdf = PBKDF2Params.getInstance(params.getKeyDerivationFunc().getParameters());
            hmac = new HMac(Algorithms.hmacDigest(params.getMessageAuthScheme().getAlgorithm(), where));
            // RFC 9579 section 5 makes keyLength mandatory; a missing one is taken as the HMAC's output size.
            int keyBytes = kdf.getKeyLength() == null ? hmac.getMacSize() : kdf.getKeyLength().intValue();
            if (kdf.getKeyLength() != null && (kdf.getKeyLength().bitLength() > 16 || keyBytes < 1 || keyBytes > 1024)) {
                throw new PfxkitException(Problem.BAD_STORE, where + ": PBMAC1 key length " + kdf.getKeyLength()
                        + " is out of range", "the file is damaged; export it again");
            }
            hmac.init(PbeCipher.pbkdf2(kdf, password.utf8(), keyBytes, where));
        } else {
            Digest digest = Algorithms.macDigest(algorithm.getAlgorithm(), where);
            int iterations = PbeCipher.iterations(macData.getIterationCount(), where);
            PKCS12ParametersGenerator generator = new PKCS12ParametersGenerator(digest);
            generator.init(password.bmp(), macData.getSalt(), iterations);
            KeyParameter key = (KeyParameter) generator.generateDerivedMacParameters(digest.getDigestSize() * 8);
            hmac = new HMac(Algorithms.macDigest(algorithm.getAlgorithm(), where));
            hmac.init(key);
        }
        hmac.update(authSafe, 0, authSafe.length);
        byte[] actual = new byte[hmac.getMacSize()];
        hmac.doFinal(actual, 0);
        return Arrays.constantTimeAreEqual(expected, actual);
    }
}
