package org.pfxkit.shared.store;

import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.engines.RC2Engine;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * Decrypts the password-based encryption found in PKCS#12 files with BouncyCastle's lightweight engines: the
 * pbeWithSHAAnd* schemes of RFC 7292 appendix C (RC2-40 and 3DES are what openssl -legacy and Windows write; the JDK
 * has no RC2-40 PBE at all) and PBES2 with PBKDF2 (RFC 8018). Lightweight classes need no registered provider and let
 * us feed the KDF the exact password bytes, which the two empty-password encodings require.
 */
final class PbeCipher {
    /**
     * Above this, a file is refused instead of tying up a CPU for minutes: real files use 1 to 600,000 (Windows 2000,
     * openssl and the JDK 2048 to 10,000, OWASP's 2023 advice 600,000 for PBKDF2-SHA256).
     */
    static final int MAX_ITERATIONS = 10_000_000;

    /** A wrong key shows up as bad padding: the caller decides whether that means a wrong password. */
    static final class WrongKey extends Exception {
        private static final long serialVersionUID = 1L;

        WrongKey() {
            super("bad padding after decryption", null, false, false);
        }
    }

    private PbeCipher() {
    }

    static byte[] decrypt(AlgorithmIdentifier algorithm, byte[] data, Pkcs12Password password, String where)
            throws PfxkitException, WrongKey {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (oid.on(PKCSObjectIdentifiers.pkcs_12PbeIds)) {
            return pkcs12Pbe(oid, PKCS12PBEParams.getInstance(algorithm.getParameters()), data, password.bmp(), where);
        }
        if (oid.equals(PKCSObjectIdentifiers.id_PBES2)) {
            return pbes2(PBES2Parameters.getInstance(algorithm.getParameters()), data, password.utf8(), where);
        }
        throw unsupported(where, "encryption algorithm " + Algorithms.name(oid));
    }

    /** RFC 7292 appendix B (key and IV from the PKCS#12 KDF with SHA-1) and C (the six pbeWithSHAAnd* OIDs). */
    private static byte[] pkcs12Pbe(ASN1ObjectIdentifier oid, PKCS12PBEParams params, byte[] data, byte[] password,
                                    String where) throws PfxkitException, WrongKey {
        int iterations = iterations(params.getIterations(), where);
        String id = oid.getId();
        int keyBits;
        BlockCipher engine = null;
        switch (id.substring(id.lastIndexOf('.') + 1)) {
            case "1" -> keyBits = 128;                                   // pbeWithSHAAnd128BitRC4
            case "2" -> keyBits = 40;                                    // pbeWithSHAAnd40BitRC4
            case "3" -> { keyBits = 192; engine = new DESedeEngine(); }  // pbeWithSHAAnd3-KeyTripleDES-CBC
            case "4" -> { keyBits = 128; engine = new DESedeEngine(); }  // pbeWithSHAAnd2-KeyTripleDES-CBC
            case "5" -> { keyBits = 128; engine = new RC2Engine(); }     // pbeWithSHAAnd128BitRC2-CBC
            case "6" -> { keyBits = 40; engine = new RC2Engine(); }      // pbewithSHAAnd40BitRC2-CBC
            default -> throw unsupported(where, "encryption algorithm " + id);
        }
        PKCS12ParametersGenerator generator = new PKCS12ParametersGenerator(new SHA1Digest());
        generator.init(password, params.getIV(), iterations);
        if (engine == null) {
            RC4Engine rc4 = new RC4Engine();
            rc4.init(false, generator.generateDerivedParameters(keyBits));
            byte[] out = new byte[data.length];
            rc4.processBytes(data, 0, data.length, out, 0);
            return out;
        }
        return cbc(engine, generator.generateDerivedParameters(keyBits, 64), data, where);
    }

    /** RFC 8018 section 6.2 with PBKDF2 (section 5.2) and the CBC schemes people use. */
    private static byte[] pbes2(PBES2Parameters params, byte[] data, byte[] password, String where)
            throws PfxkitException, WrongKey {
        if (!PKCSObjectIdentifiers.id_PBKDF2.equals(params.getKeyDerivationFunc().getAlgorithm())) {
            throw unsupported(where, "key derivation " + Algorithms.name(params.getKeyDerivationFunc().getAlgorithm()));
        }
        PBKDF2Params kdf = PBKDF2Params.getInstance(params.getKeyDerivationFunc().getParameters());
        AlgorithmIdentifier scheme = AlgorithmIdentifier.getInstance(params.getEncryptionScheme());
        ASN1ObjectIdentifier cipher = scheme.getAlgorithm();
        BlockCipher engine;
        int keyBytes;
        if (cipher.equals(NISTObjectIdentifiers.id_aes128_CBC)) {
            engine = AESEngine.newInstance();
            keyBytes = 16;
        } else if (cipher.equals(NISTObjectIdentifiers.id_aes192_CBC)) {
            engine = AESEngine.newInstance();
            keyBytes = 24;
        } else if (cipher.equals(NISTObjectIdentifiers.id_aes256_CBC)) {
            engine = AESEngine.newInstance();
            keyBytes = 32;
        } else if (cipher.equals(PKCSObjectIdentifiers.des_EDE3_CBC)) {
            engine = new DESedeEngine();
            keyBytes = 24;
        } else if (cipher.equals(OIWObjectIdentifiers.desCBC)) {
            engine = new DESEngine();
            keyBytes = 8;
        } else {
            throw unsupported(where, "cipher " + Algorithms.name(cipher));
        }
        if (kdf.getKeyLength() != null && !kdf.getKeyLength().equals(BigInteger.valueOf(keyBytes))) {
            throw new PfxkitException(Problem.BAD_STORE, where + ": PBKDF2 key length " + kdf.getKeyLength()
                    + " does not fit cipher " + Algorithms.name(cipher), "the file is damaged; export it again");
        }
        byte[] iv = ASN1OctetString.getInstance(scheme.getParameters()).getOctets();
        if (iv.length != engine.getBlockSize()) {
            throw new PfxkitException(Problem.BAD_STORE, where + ": the IV has " + iv.length + " bytes, "
                    + Algorithms.name(cipher) + " needs " + engine.getBlockSize(), "the file is damaged");
        }
        KeyParameter key = pbkdf2(kdf, password, keyBytes, where);
        return cbc(engine, new ParametersWithIV(key, iv), data, where);
    }

    /** PBKDF2 with the PRF named in the parameters (hmacWithSHA1 by default). Also used for PBMAC1. */
    static KeyParameter pbkdf2(PBKDF2Params kdf, byte[] password, int keyBytes, String where)
            throws PfxkitException {
        int iterations = iterations(kdf.getIterationCount(), where);
        Digest prf = Algorithms.hmacDigest(kdf.getPrf().getAlgorithm(), where);
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(prf);
        generator.init(password, kdf.getSalt(), iterations);
        return (KeyParameter) generator.generateDerivedParameters(keyBytes * 8);
    }

    static int iterations(BigInteger count, String where) throws PfxkitException {
        if (count.signum() <= 0) {
            throw new PfxkitException(Problem.BAD_STORE, where + ": iteration count " + count + " is not positive",
                    "the file is damaged; export it again");
        }
        if (count.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
            throw unsupported(where, "iteration count " + count + " (more than " + MAX_ITERATIONS
                    + ", refused rather than computed for minutes)");
        }
        return count.intValue();
    }

    private static byte[] cbc(BlockCipher engine, CipherParameters keyAndIv, byte[] data, String where)
            throws PfxkitException, WrongKey {
        if (data.length == 0 || data.length % engine.getBlockSize() != 0) {
            throw new PfxkitException(Problem.BAD_STORE, where + ": encrypted data of " + data.length
                    + " bytes is not a whole number of cipher blocks", "the file is damaged or truncated");
        }
        BufferedBlockCipher cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(engine),
                new PKCS7Padding());
        cipher.init(false, keyAndIv);
        byte[] out = new byte[cipher.getOutputSize(data.length)];
        int n = cipher.processBytes(data, 0, data.length, out, 0);
        try {
            n += cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new WrongKey();
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static PfxkitException unsupported(String where, String what) {
        return new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, where + " uses " + what
                + ", which pfxkit does not read",
                "re-export the store with AES-256 (openssl pkcs12 -export without -legacy does)");
    }
}
