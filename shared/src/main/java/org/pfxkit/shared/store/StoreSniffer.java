package org.pfxkit.shared.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.util.encoders.Hex;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/** Recognises a store by its content, never its name: JKS/JCEKS magic, a PKCS#12 PFX, other DER, or PEM text. */
final class StoreSniffer {
    enum Kind { PKCS12, JKS, JCEKS, PEM_OR_DER }

    private StoreSniffer() {
    }

    static Kind sniff(Path file, byte[] content) throws PfxkitException {
        String where = "'" + file + "'";
        if (content.length == 0) {
            throw new PfxkitException(Problem.BAD_STORE, where + " is empty, not a keystore",
                    "give the PFX, JKS or PEM file itself");
        }
        if (content.length >= 4 && magic(content) == 0xFEEDFEED) {
            return Kind.JKS;
        }
        if (content.length >= 4 && magic(content) == 0xCECECECE) {
            return Kind.JCEKS;
        }
        if ((content[0] & 0xff) == 0x30) {
            return der(where, content);
        }
        if (new String(content, 0, Math.min(content.length, 1 << 16), StandardCharsets.ISO_8859_1)
                .contains("-----BEGIN")) {
            return Kind.PEM_OR_DER;
        }
        throw new PfxkitException(Problem.BAD_STORE, where + " is not a keystore: it is neither PKCS#12/PFX, JKS,"
                + " JCEKS, PEM nor a DER certificate (it starts with bytes "
                + Hex.toHexString(content, 0, Math.min(4, content.length)) + ")",
                "give the PFX, JKS or PEM file itself");
    }

    /** A DER SEQUENCE: a PFX (version INTEGER, then a ContentInfo of type data or signedData) or other material. */
    private static Kind der(String where, byte[] content) throws PfxkitException {
        long declared = declaredLength(content);
        boolean looksPfx = content.length > 4 && looksLikePfxStart(content);
        if (declared == Long.MAX_VALUE) {
            throw new PfxkitException(Problem.BAD_STORE, where + " starts like DER data but its length field is"
                    + " invalid", "the file is corrupt; give the PFX, JKS or PEM file itself");
        }
        if (declared > content.length) {
            throw new PfxkitException(Problem.TRUNCATED, where + " is truncated: it starts like "
                    + (looksPfx ? "a PKCS#12/PFX store" : "DER data") + " of " + declared + " bytes but has only "
                    + content.length, "copy the whole file again (binary mode for FTP, no text conversion)");
        }
        ASN1Primitive top;
        try (ASN1InputStream in = new ASN1InputStream(new ByteArrayInputStream(content), content.length)) {
            // Only the first object: Windows and .NET ignore data after the PFX (UnixPkcs12Reader.ParsePkcs12).
            top = in.readObject();
        } catch (IOException | RuntimeException e) {
            if (looksPfx) {
                throw new PfxkitException(Problem.BAD_STORE, where + " starts like a PKCS#12/PFX store but its DER"
                        + " structure is damaged", "the file is corrupt; export it again from its source", e);
            }
            return Kind.PEM_OR_DER;
        }
        // PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL } (RFC 7292 4)
        if (top instanceof ASN1Sequence sequence && sequence.size() >= 2
                && sequence.getObjectAt(0) instanceof ASN1Integer version
                && sequence.getObjectAt(1) instanceof ASN1Sequence contentInfo && contentInfo.size() >= 1
                && contentInfo.getObjectAt(0) instanceof ASN1ObjectIdentifier type
                && (version.hasValue(3) || type.equals(PKCSObjectIdentifiers.data)
                    || type.equals(PKCSObjectIdentifiers.signedData))) {
            return Kind.PKCS12;
        }
        return Kind.PEM_OR_DER;
    }

    /** PFX ::= SEQUENCE { version INTEGER (3), ... }: after the outer header comes 02 01 03. */
    private static boolean looksLikePfxStart(byte[] content) {
        int header = headerLength(content);
        return header > 0 && header + 3 <= content.length && content[header] == 0x02 && content[header + 1] == 0x01
                && content[header + 2] == 0x03;
    }

    private static int headerLength(byte[] content) {
        int first = content[1] & 0xff;
        if (first < 0x80) {
            return 2;
        }
        int count = first & 0x7f;
        return count == 0 ? 2 : count > 4 ? -1 : 2 + count;
    }

    /** The outer length with its header, or -1 for BER indefinite length. */
    private static long declaredLength(byte[] content) {
        if (content.length < 2) {
            return 2;
        }
        int first = content[1] & 0xff;
        if (first < 0x80) {
            return 2L + first;
        }
        int count = first & 0x7f;
        if (count == 0) {
            return -1;
        }
        if (count > 4 || content.length < 2 + count) {
            return count > 4 ? Long.MAX_VALUE : 2L + count;
        }
        long length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (content[2 + i] & 0xff);
        }
        return 2L + count + length;
    }

    private static int magic(byte[] content) {
        return ((content[0] & 0xff) << 24) | ((content[1] & 0xff) << 16) | ((content[2] & 0xff) << 8)
                | (content[3] & 0xff);
    }
}
