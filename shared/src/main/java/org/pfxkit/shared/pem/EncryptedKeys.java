package org.pfxkit.shared.pem;

import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.pfxkit.shared.error.PfxkitException;

/** Decrypts a PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 section 3) through {@link PbeDecryption}. */
final class EncryptedKeys {
    private EncryptedKeys() {
    }

    static PrivateKeyInfo decrypt(EncryptedPrivateKeyInfo encrypted, Origin origin, KeyPassword password,
                                  WorkBudget budget) throws PfxkitException {
        PrivateKeyInfo key = PbeDecryption.decrypt(encrypted.getEncryptionAlgorithm(), encrypted.getEncryptedData(),
                password.get(origin), PrivateKeyInfo::getInstance, budget, "the private key in " + origin.where());
        if (key == null) {
            throw password.wrong(origin, null);
        }
        return key;
    }
}
