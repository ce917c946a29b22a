package org.pfxkit.shared.pem;

import java.nio.file.Path;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/** Tells a PKCS#12 file from the outside: PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, ... }. */
final class Pkcs12Sniffer {
    private Pkcs12Sniffer() {
    }

    /**
     * True for a PFX (RFC 7292 section 4) even when cut short or BER-encoded with an indefinite length, as some
     * Windows and Java exports are: SEQUENCE, INTEGER 3, then the ContentInfo SEQUENCE.
     */
    static boolean isPkcs12(byte[] content) {
        if (content.length < 6 || (content[0] & 0xff) != MaterialReader.SEQUENCE) {
            return false;
        }
        int lengthByte = content[1] & 0xff;
        int pos = lengthByte <= 0x80 ? 2 : 2 + (lengthByte & 0x7f);
        return pos + 3 < content.length && content[pos] == 0x02 && content[pos + 1] == 1
                && content[pos + 2] == 3 && (content[pos + 3] & 0xff) == MaterialReader.SEQUENCE;
    }

    static PfxkitException unexpected(Path file, String what) {
        return new PfxkitException(Problem.UNEXPECTED_PKCS12, "'" + file + "' " + what,
                "to get its key and certificates as PEM: pfxconvert --to-pem " + file
                        + "; to see which certificate it holds: certfind --any " + file);
    }
}
