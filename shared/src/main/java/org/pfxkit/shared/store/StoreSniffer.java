package org.pfxkit.shared.store;

import java.io.IOException;
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
import org.pfxkit.shared.pem.ContentSniffer;

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
        if (ContentSniffer.startsWith(content, "feedfeed")) {
            return Kind.JKS;
        }
        if (ContentSniffer.startsWith(content, "cececece")) {
            return Kind.JCEKS;
        }
        if ((content[0] & 0xff) == 0x30) {
            return der(where, content);
        }
        if (ContentSniffer.text(content).contains("-----BEGIN")) {
            return Kind.PEM_OR_DER;
        }
        throw new PfxkitException(Problem.BAD_STORE, where + " is not a keystore: it is neither PKCS#12/PFX, JKS,"
                + " JCEKS, PEM nor a DER certificate (it starts with bytes "
                + Hex.toHexString(content, 0, Math.min(4, content.length)) + ")",
                "give the PFX, JKS or PEM file itself");
    }

    /** A DER SEQUENCE: a PFX (version INTEGER, then a ContentInfo of type data or signedData) or other material. */
    private static Kind der(String where, byte[] content) throws PfxkitException {
        long declared = ContentSniffer.declaredLength(content);
        boolean looksPfx = ContentSniffer.isPkcs12(content);
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
        try (ASN1InputStream in = new ASN1InputStream(content)) {
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
}
