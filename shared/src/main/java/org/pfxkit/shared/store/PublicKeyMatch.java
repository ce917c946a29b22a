package org.pfxkit.shared.store;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;
import java.util.function.Predicate;

import org.pfxkit.shared.keys.KeyPairing;

/**
 * {@link KeyPairing#matches} for one private key against many certificates. The key's public half is derived once and
 * compared with each certificate's key: that derivation is what {@code matches} computes on every call (for EC a
 * point multiplication, about 2 ms in plain Java), so a store of 1,000 certificates of one key (a renewal history)
 * costs one multiplication, not 1,000. Keys whose public half cannot be derived fall back to {@code matches}.
 */
final class PublicKeyMatch {
    private PublicKeyMatch() {
    }

    static Predicate<PublicKey> of(PrivateKey privateKey) {
        Optional<PublicKey> derived = KeyPairing.publicKeyOf(privateKey);
        if (derived.isPresent()) {
            PublicKey mine = derived.get();
            return publicKey -> KeyPairing.samePublicKey(mine, publicKey);
        }
        return publicKey -> KeyPairing.matches(privateKey, publicKey);
    }
}
