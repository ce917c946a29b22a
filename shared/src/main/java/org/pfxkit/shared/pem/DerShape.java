package org.pfxkit.shared.pem;

import java.util.List;

import org.pfxkit.shared.pem.Der.DerException;
import org.pfxkit.shared.pem.Der.Tlv;

/** What a DER object is, told from its outer shape alone (no file names, no guessing from extensions). */
enum DerShape {
    CERTIFICATE, PKCS8, ENCRYPTED_PKCS8, PKCS1_RSA, SEC1_EC, DSA, PUBLIC_KEY, CERTIFICATE_REQUEST, PKCS7, UNKNOWN;

    static DerShape of(Tlv object) throws DerException {
        if (!object.is(Der.SEQUENCE)) {
            return UNKNOWN;
        }
        List<Tlv> c = object.children();
        if (c.isEmpty()) {
            return UNKNOWN;
        }
        if (c.size() == 3 && c.get(0).is(Der.SEQUENCE) && c.get(1).is(Der.SEQUENCE) && c.get(2).is(Der.BIT_STRING)) {
            // Certificate (RFC 5280 4.1) and CertificationRequest (RFC 2986 4.2) share this shape; a TBSCertificate
            // starts with [0] version or the serial followed by the signature AlgorithmIdentifier.
            List<Tlv> tbs = c.get(0).children();
            if (tbs.size() >= 2 && (tbs.get(0).is(Der.CONTEXT_0) || startsWithOid(tbs.get(1)))) {
                return CERTIFICATE;
            }
            return CERTIFICATE_REQUEST;
        }
        if (c.size() == 2 && startsWithOid(c.get(0))) {
            if (c.get(1).is(Der.OCTET_STRING)) {
                return ENCRYPTED_PKCS8;
            }
            if (c.get(1).is(Der.BIT_STRING)) {
                return PUBLIC_KEY;
            }
        }
        if (c.get(0).is(Der.OID)) {
            String oid = c.get(0).oid();
            return Oids.PKCS7_SIGNED_DATA.equals(oid) ? PKCS7 : UNKNOWN;
        }
        if (!c.get(0).is(Der.INTEGER)) {
            return UNKNOWN;
        }
        int version = c.get(0).smallInt();
        if (c.size() >= 3 && (version == 0 || version == 1) && startsWithOid(c.get(1))
                && c.get(2).is(Der.OCTET_STRING)) {
            return PKCS8;
        }
        if (version == 1 && c.size() >= 2 && c.get(1).is(Der.OCTET_STRING)) {
            return SEC1_EC;
        }
        boolean allIntegers = true;
        for (Tlv t : c) {
            allIntegers &= t.is(Der.INTEGER);
        }
        if (allIntegers && version == 0 && c.size() >= 9) {
            return PKCS1_RSA;
        }
        if (allIntegers && version == 0 && c.size() == 6) {
            return DSA;
        }
        return UNKNOWN;
    }

    private static boolean startsWithOid(Tlv tlv) throws DerException {
        if (!tlv.is(Der.SEQUENCE)) {
            return false;
        }
        List<Tlv> inner = tlv.children();
        return !inner.isEmpty() && inner.get(0).is(Der.OID);
    }
}
