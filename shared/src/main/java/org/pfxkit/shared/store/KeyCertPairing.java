package org.pfxkit.shared.store;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.pfxkit.shared.keys.KeyPairing;

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

    private KeyCertPairing() {
    }

    /** The keystore of these certificates, in the order given, each with its key, and the keys left over. */
    static Keystore pair(Path file, Keystore.Format format, List<CertItem> certificates, List<KeyItem> keys) {
        Map<KeyItem, Predicate<PublicKey>> tests = new IdentityHashMap<>();
        Set<KeyItem> used = Collections.newSetFromMap(new IdentityHashMap<>());
        List<StoreEntry> entries = new ArrayList<>(certificates.size());
        for (CertItem cert : certificates) {
            KeyItem key = keyFor(cert, keys, tests);
            if (key != null) {
                used.add(key);
            }
            entries.add(new StoreEntry(entries.size() + 1, cert.certificate(), key == null ? null : key.key(),
                    cert.attributes(), key == null ? BagAttributes.NONE : key.attributes()));
        }
        return new Keystore(file, format, entries,
                keys.stream().filter(key -> !used.contains(key)).map(KeyItem::key).toList());
    }

    private static KeyItem keyFor(CertItem cert, List<KeyItem> keys, Map<KeyItem, Predicate<PublicKey>> tests) {
        PublicKey publicKey = cert.certificate().getPublicKey();
        byte[] id = cert.attributes().localKeyId();
        Predicate<KeyItem> fits = key -> test(key, tests).test(publicKey);
        return keys.stream().filter(key -> id != null && Arrays.equals(id, key.attributes().localKeyId()))
                .filter(fits).findFirst().or(() -> keys.stream().filter(fits).findFirst()).orElse(null);
    }

    /**
     * {@link KeyPairing#matches} for one private key against many certificates. The key's public half is derived
     * once and compared with each certificate's key: that derivation is what {@code matches} computes on every call
     * (for EC a point multiplication, about 2 ms in plain Java), so a store of 1,000 certificates of one key (a
     * renewal history) costs one multiplication, not 1,000. Keys whose public half cannot be derived fall back to
     * {@code matches}.
     */
    private static Predicate<PublicKey> test(KeyItem key, Map<KeyItem, Predicate<PublicKey>> tests) {
        return tests.computeIfAbsent(key, k -> KeyPairing.publicKeyOf(k.key())
                .<Predicate<PublicKey>>map(mine -> publicKey -> KeyPairing.samePublicKey(mine, publicKey))
                .orElse(publicKey -> KeyPairing.matches(k.key(), publicKey)));
    }
}
