package org.pfxkit.shared.store;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Gives each certificate of a store its private key: the key bag with the same localKeyID when that key really
 * belongs to the certificate, else any key whose public half is the certificate's. A localKeyID that points at the
 * wrong key (GnuTLS writes such files without a word) is not trusted: the certificate then shows no key, which is
 * what a TLS server would find out the hard way. Keys no certificate uses are returned apart.
 */
final class KeyCertPairing {
    record CertItem(X509Certificate certificate, BagAttributes attributes) {
    }

    record KeyItem(PrivateKey key, BagAttributes attributes) {
    }

    record Paired(List<StoreEntry> fileOrder, List<PrivateKey> keysWithoutCertificate) {
    }

    private KeyCertPairing() {
    }

    static Paired pair(List<CertItem> certificates, List<KeyItem> keys) {
        Map<KeyItem, Predicate<PublicKey>> tests = new IdentityHashMap<>();
        Map<KeyItem, Boolean> used = new IdentityHashMap<>();
        List<StoreEntry> entries = new ArrayList<>(certificates.size());
        int index = 0;
        for (CertItem cert : certificates) {
            index++;
            KeyItem key = keyFor(cert, keys, tests);
            if (key != null) {
                used.put(key, Boolean.TRUE);
            }
            entries.add(new StoreEntry(index, cert.certificate(), key == null ? null : key.key(), cert.attributes(),
                    key == null ? BagAttributes.NONE : key.attributes()));
        }
        List<PrivateKey> loose = new ArrayList<>();
        for (KeyItem key : keys) {
            if (!used.containsKey(key)) {
                loose.add(key.key());
            }
        }
        return new Paired(entries, loose);
    }

    private static KeyItem keyFor(CertItem cert, List<KeyItem> keys, Map<KeyItem, Predicate<PublicKey>> tests) {
        PublicKey publicKey = cert.certificate().getPublicKey();
        byte[] id = cert.attributes().localKeyId();
        if (id != null) {
            for (KeyItem key : keys) {
                byte[] keyId = key.attributes().localKeyId();
                if (keyId != null && Arrays.equals(id, keyId) && test(key, tests).test(publicKey)) {
                    return key;
                }
            }
        }
        for (KeyItem key : keys) {
            if (test(key, tests).test(publicKey)) {
                return key;
            }
        }
        return null;
    }

    private static Predicate<PublicKey> test(KeyItem key, Map<KeyItem, Predicate<PublicKey>> tests) {
        return tests.computeIfAbsent(key, k -> PublicKeyMatch.of(k.key()));
    }
}
