package org.pfxkit.shared.pem;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * OpenSSL's traditional PEM encryption: "Proc-Type: 4,ENCRYPTED" and "DEK-Info: CIPHER,HEX-IV" headers (RFC 1421
 * framing) around a PKCS#1 or SEC1 key, keyed by EVP_BytesToKey(MD5, salt = first 8 bytes of the IV, 1 iteration)
 * as PEM_do_header in openssl's crypto/pem/pem_lib.c does.
 */
final class LegacyPemEncryption {
    private LegacyPemEncryption() {
    }

    static boolean isEncrypted(Map<String, String> headers) {
        String procType = headers.get("Proc-Type");
        return procType != null && procType.replace(" ", "").toUpperCase(Locale.ROOT).endsWith(",ENCRYPTED");
    }

    /** The decrypted key bytes; the caller checks their structure (a wrong password usually fails the padding). */
    static byte[] decrypt(Map<String, String> headers, byte[] data, Origin origin, KeyPassword password)
            throws PfxkitException {
        String dekInfo = headers.get("DEK-Info");
        if (dekInfo == null || dekInfo.indexOf(',') < 0) {
            throw new PfxkitException(Problem.BAD_PEM, "PEM " + origin.where()
                    + " says it is encrypted (Proc-Type: 4,ENCRYPTED) but has no valid DEK-Info header",
                    "the header lines were damaged; export the key again");
        }
        int comma = dekInfo.indexOf(',');
        String cipher = dekInfo.substring(0, comma).strip().toUpperCase(Locale.ROOT);
        EncryptedKeys.Scheme scheme = switch (cipher) {
            case "AES-128-CBC" -> new EncryptedKeys.Scheme("AES/CBC/PKCS5Padding", "AES", 16, 16, 0);
            case "AES-192-CBC" -> new EncryptedKeys.Scheme("AES/CBC/PKCS5Padding", "AES", 24, 16, 0);
            case "AES-256-CBC" -> new EncryptedKeys.Scheme("AES/CBC/PKCS5Padding", "AES", 32, 16, 0);
            case "DES-EDE3-CBC" -> new EncryptedKeys.Scheme("DESede/CBC/PKCS5Padding", "DESede", 24, 8, 0);
            case "DES-CBC" -> new EncryptedKeys.Scheme("DES/CBC/PKCS5Padding", "DES", 8, 8, 0);
            default -> throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, "private key in " + origin.where()
                    + " is encrypted with " + cipher + " (DEK-Info), which pfxkit does not support; it reads "
                    + "AES-128/192/256-CBC, DES-EDE3-CBC and DES-CBC",
                    "re-encrypt it: openssl pkcs8 -topk8 -v2 aes256 -in " + origin.file() + " -out key-aes.pem");
        };
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(dekInfo.substring(comma + 1).strip());
        } catch (IllegalArgumentException e) {
            iv = new byte[0];
        }
        if (iv.length != scheme.ivLength()) {
            throw new PfxkitException(Problem.BAD_PEM, "PEM " + origin.where() + " has a DEK-Info IV that is not "
                    + scheme.ivLength() + " bytes of hex", "the header lines were damaged; export the key again");
        }
        char[] pw = password.get(origin);
        byte[] key;
        try {
            key = PasswordKdf.evpBytesToKey(pw, iv, scheme.keyLength());
        } catch (GeneralSecurityException e) {
            throw EncryptedKeys.unsupported(origin, cipher + " (" + e.getMessage() + ")");
        }
        return EncryptedKeys.run(scheme, key, iv, data, origin, password);
    }
}
