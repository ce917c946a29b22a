package org.pfxkit.shared.pem;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.List;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.RC2ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.pem.Der.DerException;
import org.pfxkit.shared.pem.Der.Tlv;

/**
 * Decrypts a PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 section 3) to the PrivateKeyInfo inside. Schemes: PBES2 with
 * PBKDF2 or scrypt and AES-CBC or (3)DES-CBC (RFC 8018 6.2; the JDK 17 cannot parse AES-192 PBES2 parameters, so they
 * are read here), the PKCS#12 PBE schemes (RFC 7292 appendix C) and PBES1 (RFC 8018 6.1).
 */
final class EncryptedKeys {
    /** Far above any real exporter (openssl: 2048, OWASP 2023: 600,000) and below a hang on a damaged file. */
    static final int MAX_ITERATIONS = 10_000_000;

    private EncryptedKeys() {
    }

    /** A cipher and how to key it, found from an algorithm identifier. */
    record Scheme(String transformation, String keyAlgorithm, int keyLength, int ivLength, int rc2Bits) {
    }

    static byte[] decrypt(byte[] encryptedInfo, Origin origin, KeyPassword password) throws PfxkitException {
        byte[] plain;
        try {
            List<Tlv> info = Der.sequence(Der.read(encryptedInfo), 2);
            List<Tlv> algorithm = Der.sequence(info.get(0), 1);
            String oid = algorithm.get(0).oid();
            Tlv params = algorithm.size() > 1 ? algorithm.get(1) : null;
            if (!info.get(1).is(Der.OCTET_STRING)) {
                throw new DerException("the encrypted data is not an OCTET STRING", false);
            }
            byte[] data = info.get(1).content();
            if (Oids.PBES2.equals(oid)) {
                plain = pbes2(params, data, origin, password);
            } else if (oid.startsWith(Oids.PKCS12_PBE_PREFIX)) {
                plain = pkcs12Pbe(oid, params, data, origin, password);
            } else if (oid.startsWith(Oids.PKCS5_PBES1_PREFIX)) {
                plain = pbes1(oid, params, data, origin, password);
            } else {
                throw unsupported(origin, "the encryption scheme " + Oids.name(oid));
            }
        } catch (DerException e) {
            throw new PfxkitException(e.truncated ? Problem.TRUNCATED : Problem.BAD_DER, "encrypted private key in "
                    + origin.where() + " is malformed: " + e.getMessage(),
                    "the key file is damaged; export the key again", e);
        }
        if (!KeyDecoder.looksLikePrivateKeyInfo(plain)) {
            throw password.wrong(origin, null);
        }
        return plain;
    }

    private static byte[] pbes2(Tlv params, byte[] data, Origin origin, KeyPassword password)
            throws DerException, PfxkitException {
        List<Tlv> parts = Der.sequence(params, 2);
        List<Tlv> kdf = Der.sequence(parts.get(0), 2);
        List<Tlv> cipher = Der.sequence(parts.get(1), 1);
        String cipherOid = cipher.get(0).oid();
        Scheme scheme = switch (cipherOid) {
            case "2.16.840.1.101.3.4.1.2" -> new Scheme("AES/CBC/PKCS5Padding", "AES", 16, 16, 0);
            case "2.16.840.1.101.3.4.1.22" -> new Scheme("AES/CBC/PKCS5Padding", "AES", 24, 16, 0);
            case "2.16.840.1.101.3.4.1.42" -> new Scheme("AES/CBC/PKCS5Padding", "AES", 32, 16, 0);
            case "1.2.840.113549.3.7" -> new Scheme("DESede/CBC/PKCS5Padding", "DESede", 24, 8, 0);
            case "1.3.14.3.2.7" -> new Scheme("DES/CBC/PKCS5Padding", "DES", 8, 8, 0);
            default -> throw unsupported(origin, "the PBES2 cipher " + Oids.name(cipherOid));
        };
        if (cipher.size() < 2 || !cipher.get(1).is(Der.OCTET_STRING) || cipher.get(1).length() != scheme.ivLength) {
            throw new DerException("the PBES2 cipher has no valid IV", false);
        }
        byte[] iv = cipher.get(1).content();
        String kdfOid = kdf.get(0).oid();
        char[] pw = password.get(origin);
        PfxkitException wrong = null;
        // openssl hashes the UTF-8 bytes; BouncyCastle and older Java writers one byte per character (with
        // HMAC-SHA1). Only a password beyond ASCII tells them apart, and then both are tried.
        for (boolean utf8 : PasswordKdf.isAscii(pw) ? new boolean[] {true} : new boolean[] {true, false}) {
            byte[] bytes = utf8 ? PasswordKdf.utf8(pw) : PasswordKdf.latin1(pw);
            try {
                byte[] key;
                if (Oids.PBKDF2.equals(kdfOid)) {
                    key = pbkdf2(Der.sequence(kdf.get(1), 2), scheme.keyLength, origin, bytes);
                } else if (Oids.SCRYPT.equals(kdfOid)) {
                    key = Scrypt.derive(Der.sequence(kdf.get(1), 4), scheme.keyLength, origin, bytes);
                } else {
                    throw unsupported(origin, "the PBES2 key derivation " + Oids.name(kdfOid));
                }
                byte[] plain = run(scheme, key, iv, data, origin, password);
                if (KeyDecoder.looksLikePrivateKeyInfo(plain)) {
                    return plain;
                }
                wrong = password.wrong(origin, null);
            } catch (GeneralSecurityException e) {
                throw unsupported(origin, "the PBES2 key derivation (" + e.getMessage() + ")");
            } catch (PfxkitException e) {
                if (e.problem() != Problem.BAD_PASSWORD) {
                    throw e;
                }
                wrong = e;
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        throw wrong;
    }

    private static byte[] pbkdf2(List<Tlv> p, int keyLength, Origin origin, byte[] pw)
            throws DerException, PfxkitException, GeneralSecurityException {
        if (!p.get(0).is(Der.OCTET_STRING)) {
            throw new DerException("PBKDF2 salt is not an OCTET STRING", false);
        }
        int iterations = iterations(p.get(1), origin);
        String hmac = "HmacSHA1";
        for (Tlv extra : p.subList(2, p.size())) {
            if (extra.is(Der.SEQUENCE)) {
                String prf = Der.sequence(extra, 1).get(0).oid();
                hmac = switch (prf) {
                    case "1.2.840.113549.2.7" -> "HmacSHA1";
                    case "1.2.840.113549.2.8" -> "HmacSHA224";
                    case "1.2.840.113549.2.9" -> "HmacSHA256";
                    case "1.2.840.113549.2.10" -> "HmacSHA384";
                    case "1.2.840.113549.2.11" -> "HmacSHA512";
                    default -> throw unsupported(origin, "the PBKDF2 pseudo-random function " + Oids.name(prf));
                };
            } else if (extra.is(Der.INTEGER) && extra.smallInt() != keyLength) {
                throw new DerException("PBKDF2 key length " + extra.smallInt() + " does not fit the cipher", false);
            }
        }
        return PasswordKdf.pbkdf2(hmac, pw, p.get(0).content(), iterations, keyLength);
    }

    private static byte[] pkcs12Pbe(String oid, Tlv params, byte[] data, Origin origin, KeyPassword password)
            throws DerException, PfxkitException {
        Scheme scheme = switch (oid.substring(Oids.PKCS12_PBE_PREFIX.length())) {
            case "1" -> new Scheme("ARCFOUR", "ARCFOUR", 16, 0, 0);
            case "2" -> new Scheme("ARCFOUR", "ARCFOUR", 5, 0, 0);
            case "3" -> new Scheme("DESede/CBC/PKCS5Padding", "DESede", 24, 8, 0);
            case "4" -> new Scheme("DESede/CBC/PKCS5Padding", "DESede", 16, 8, 0);
            case "5" -> new Scheme("RC2/CBC/PKCS5Padding", "RC2", 16, 8, 128);
            case "6" -> new Scheme("RC2/CBC/PKCS5Padding", "RC2", 5, 8, 40);
            default -> throw unsupported(origin, "the PKCS#12 scheme " + Oids.name(oid));
        };
        List<Tlv> p = Der.sequence(params, 2);
        if (!p.get(0).is(Der.OCTET_STRING)) {
            throw new DerException("PKCS#12 PBE salt is not an OCTET STRING", false);
        }
        byte[] salt = p.get(0).content();
        int iterations = iterations(p.get(1), origin);
        char[] pw = password.get(origin);
        PfxkitException wrong = null;
        // An empty password has two encodings in the wild (RFC 7292 B.1 vs. Windows/BouncyCastle): try both.
        for (boolean terminator : pw.length == 0 ? new boolean[] {true, false} : new boolean[] {true}) {
            byte[] bmp = PasswordKdf.bmp(pw, terminator);
            try {
                byte[] key = PasswordKdf.pkcs12(bmp, salt, iterations, PasswordKdf.PKCS12_KEY, scheme.keyLength);
                if (scheme.keyLength == 16 && "DESede".equals(scheme.keyAlgorithm)) {
                    key = Arrays.copyOf(key, 24);
                    System.arraycopy(key, 0, key, 16, 8);
                }
                byte[] iv = scheme.ivLength == 0 ? null
                        : PasswordKdf.pkcs12(bmp, salt, iterations, PasswordKdf.PKCS12_IV, scheme.ivLength);
                byte[] plain = run(scheme, key, iv, data, origin, password);
                if (KeyDecoder.looksLikePrivateKeyInfo(plain)) {
                    return plain;
                }
            } catch (GeneralSecurityException e) {
                throw unsupported(origin, Oids.name(oid) + " (" + e.getMessage() + ")");
            } catch (PfxkitException e) {
                if (e.problem() != Problem.BAD_PASSWORD) {
                    throw e;
                }
                wrong = e;
            } finally {
                Arrays.fill(bmp, (byte) 0);
            }
        }
        throw wrong != null ? wrong : password.wrong(origin, null);
    }

    private static byte[] pbes1(String oid, Tlv params, byte[] data, Origin origin, KeyPassword password)
            throws DerException, PfxkitException {
        String suffix = oid.substring(Oids.PKCS5_PBES1_PREFIX.length());
        String digest = switch (suffix) {
            case "1", "4" -> "MD2";
            case "3", "6" -> "MD5";
            case "10", "11" -> "SHA-1";
            default -> throw unsupported(origin, "the PKCS#5 scheme " + Oids.name(oid));
        };
        boolean rc2 = suffix.equals("4") || suffix.equals("6") || suffix.equals("11");
        // RFC 8018 6.1.1: DES, or RC2 with an effective key length of 64 bits; key = DK[0..7], IV = DK[8..15].
        Scheme scheme = rc2 ? new Scheme("RC2/CBC/PKCS5Padding", "RC2", 8, 8, 64)
                : new Scheme("DES/CBC/PKCS5Padding", "DES", 8, 8, 0);
        List<Tlv> p = Der.sequence(params, 2);
        if (!p.get(0).is(Der.OCTET_STRING) || p.get(0).length() != 8) {
            throw new DerException("PBES1 salt is not 8 bytes", false);
        }
        int iterations = iterations(p.get(1), origin);
        try {
            byte[] dk = PasswordKdf.pbkdf1(digest, password.get(origin), p.get(0).content(), iterations);
            return run(scheme, Arrays.copyOf(dk, 8), Arrays.copyOfRange(dk, 8, 16), data, origin, password);
        } catch (GeneralSecurityException e) {
            throw unsupported(origin, Oids.name(oid) + " (" + e.getMessage() + ")");
        }
    }

    /** Decrypts; a padding failure is the usual sign of a wrong password. */
    static byte[] run(Scheme scheme, byte[] key, byte[] iv, byte[] data, Origin origin, KeyPassword password)
            throws PfxkitException {
        try {
            Cipher cipher = Cipher.getInstance(scheme.transformation);
            AlgorithmParameterSpec spec = iv == null ? null
                    : scheme.rc2Bits > 0 ? new RC2ParameterSpec(scheme.rc2Bits, iv) : new IvParameterSpec(iv);
            SecretKeySpec secret = new SecretKeySpec(key, scheme.keyAlgorithm);
            if (spec == null) {
                cipher.init(Cipher.DECRYPT_MODE, secret);
            } else {
                cipher.init(Cipher.DECRYPT_MODE, secret, spec);
            }
            return cipher.doFinal(data);
        } catch (BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
            throw password.wrong(origin, e);
        } catch (GeneralSecurityException e) {
            throw unsupported(origin, scheme.transformation + " (" + e.getMessage() + ")");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static int iterations(Tlv count, Origin origin) throws DerException, PfxkitException {
        int iterations = count.smallInt();
        if (iterations < 1) {
            throw new DerException("iteration count is not a positive number", false);
        }
        if (iterations > MAX_ITERATIONS) {
            throw unsupported(origin, "an iteration count of " + iterations + " (more than " + MAX_ITERATIONS
                    + " is refused so a damaged file cannot stall the tool)");
        }
        return iterations;
    }

    static PfxkitException unsupported(Origin origin, String what) {
        return new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, "private key in " + origin.where()
                + " is encrypted with " + what + ", which pfxkit does not support",
                "re-encrypt it with a common scheme: openssl pkcs8 -topk8 -v2 aes256 -in " + origin.file()
                        + " -out key-aes.pem");
    }
}
