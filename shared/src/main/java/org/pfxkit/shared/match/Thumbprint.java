package org.pfxkit.shared.match;

import java.util.Locale;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * CERT_FIND_SHA1_HASH: the SHA-1 of the encoded certificate (Wine dlls/crypt32/cert.c
 * {@code compare_cert_by_sha1_hash}, CERT_SHA1_HASH_PROP_ID), given as the hex people copy from certmgr or openssl:
 * any case, with spaces or colons. The certificate dialog's copy often starts with an invisible U+200E
 * LEFT-TO-RIGHT MARK; such format characters are dropped here rather than failing the search.
 *
 * @param hex the 40 hex digits, upper case
 */
record Thumbprint(String hex) implements Criterion {
    static Thumbprint parse(String input) throws PfxkitException {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 0x80) {
                digits.append(c);
            } else if (c == ':' || c == '-' || WindowsNames.isSpace(c) || Character.getType(c) == Character.FORMAT) {
                continue;
            } else {
                throw new PfxkitException(Problem.BAD_USAGE, "the SHA-1 thumbprint '" + input
                        + "' contains '" + c + "', which is not a hex digit",
                        "give 40 hex digits, e.g. 'AB:12:...' or 'ab 12 ...' as certmgr shows them");
            }
        }
        if (digits.length() != 40) {
            throw new PfxkitException(Problem.BAD_USAGE, "the SHA-1 thumbprint '" + input + "' has "
                    + digits.length() + " hex digits; a SHA-1 thumbprint has 40",
                    "copy the whole thumbprint (certmgr: Details > Thumbprint; openssl x509 -fingerprint -sha1)");
        }
        return new Thumbprint(digits.toString().toUpperCase(Locale.ROOT));
    }

    @Override
    public Evaluation evaluate(IndexedCertificate c) {
        if (c.sha1Hex().equals(hex)) {
            return Evaluation.yes("SHA-1 thumbprint is " + hex);
        }
        return Evaluation.no("SHA-1 thumbprint " + c.sha1Hex() + " is not " + hex);
    }
}
