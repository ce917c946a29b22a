package org.pfxkit.shared.store;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * One certificate of a keystore, with its private key when the store holds it.
 *
 * @param fileIndex            1-based position of the certificate in the file (bag order for PKCS#12)
 * @param certificate          the certificate
 * @param privateKey           the matching private key from the same store, or null
 * @param certificateAttributes the certificate bag's attributes
 * @param keyAttributes        the key bag's attributes, {@link BagAttributes#NONE} without a key
 */
public record StoreEntry(int fileIndex, X509Certificate certificate, PrivateKey privateKey,
                         BagAttributes certificateAttributes, BagAttributes keyAttributes) {

    public boolean hasPrivateKey() {
        return privateKey != null;
    }
}
