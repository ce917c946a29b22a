package org.pfxkit.shared.store;

import java.util.List;

/**
 * The PKCS#12 bag attributes people meet (RFC 7292 section 4.2; Microsoft's in [MS-PKCS12]/wincrypt.h). Every field
 * is null/false/empty when absent or when the store format has no such thing (JKS, PEM).
 *
 * @param friendlyName   PKCS#9 friendlyName (1.2.840.113549.1.9.20), the alias keytool shows
 * @param localKeyId     PKCS#9 localKeyID (1.2.840.113549.1.9.21), pairs a key bag with its certificate bag
 * @param cspName        Microsoft CSP name (1.3.6.1.4.1.311.17.1), the provider Windows imports the key into
 * @param localKeySet    Microsoft "Local Key Set" (1.3.6.1.4.1.311.17.2): import into the machine key set
 * @param others         every other attribute as "OID=value" text, in file order
 */
public record BagAttributes(String friendlyName, byte[] localKeyId, String cspName, boolean localKeySet,
                            List<String> others) {
    public static final BagAttributes NONE = new BagAttributes(null, null, null, false, List.of());

    public BagAttributes {
        localKeyId = localKeyId == null ? null : localKeyId.clone();
        others = List.copyOf(others);
    }

    @Override
    public byte[] localKeyId() {
        return localKeyId == null ? null : localKeyId.clone();
    }
}
