package org.pfxkit.shared.pem;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

/**
 * What a DER object is, told from its outer shape alone (no file names, no guessing from extensions): the one
 * judgement BouncyCastle leaves to us, since its parsers are told the type by a PEM label.
 */
enum ObjectKind {
    CERTIFICATE, PKCS8, ENCRYPTED_PKCS8, PKCS1_RSA, SEC1_EC, DSA, PUBLIC_KEY, CERTIFICATE_REQUEST, PKCS7, UNKNOWN;

    static ObjectKind of(ASN1Encodable object) {
        if (!(object instanceof ASN1Sequence sequence) || sequence.size() == 0) {
            return UNKNOWN;
        }
        ASN1Encodable[] c = sequence.toArray();
        if (c.length == 3 && c[0] instanceof ASN1Sequence tbs && c[1] instanceof ASN1Sequence
                && c[2] instanceof DERBitString) {
            // Certificate (RFC 5280 4.1) and CertificationRequest (RFC 2986 4.2) share this shape; a TBSCertificate
            // starts with [0] version or the serial followed by the signature AlgorithmIdentifier.
            boolean certificate = tbs.size() >= 2
                    && (tbs.getObjectAt(0) instanceof ASN1TaggedObject || startsWithOid(tbs.getObjectAt(1)));
            return certificate ? CERTIFICATE : CERTIFICATE_REQUEST;
        }
        if (c.length == 2 && startsWithOid(c[0])) {
            if (c[1] instanceof ASN1OctetString) {
                return ENCRYPTED_PKCS8;
            }
            if (c[1] instanceof DERBitString) {
                return PUBLIC_KEY;
            }
        }
        if (c[0] instanceof ASN1ObjectIdentifier oid) {
            return PKCSObjectIdentifiers.signedData.equals(oid) ? PKCS7 : UNKNOWN;
        }
        if (!(c[0] instanceof ASN1Integer first) || first.getValue().bitLength() > 8) {
            return UNKNOWN;
        }
        int version = first.intValueExact();
        if (c.length >= 3 && (version == 0 || version == 1) && startsWithOid(c[1]) && c[2] instanceof ASN1OctetString) {
            return PKCS8;
        }
        if (version == 1 && c.length >= 2 && c[1] instanceof ASN1OctetString) {
            return SEC1_EC;
        }
        boolean allIntegers = true;
        for (ASN1Encodable part : c) {
            allIntegers &= part instanceof ASN1Integer;
        }
        if (allIntegers && version == 0 && c.length >= 9) {
            return PKCS1_RSA;
        }
        return allIntegers && version == 0 && c.length == 6 ? DSA : UNKNOWN;
    }

    private static boolean startsWithOid(ASN1Encodable part) {
        return part instanceof ASN1Sequence s && s.size() > 0 && s.getObjectAt(0) instanceof ASN1ObjectIdentifier;
    }
}
