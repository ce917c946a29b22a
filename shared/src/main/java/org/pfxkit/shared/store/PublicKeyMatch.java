package org.pfxkit.shared.store;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import java.util.function.Predicate;

import org.pfxkit.shared.keys.KeyPairing;

/**
 * {@link KeyPairing#matches} for one private key against many certificates. The key's public half is derived once
 * and rules out certificates with another RSA modulus or EC point cheaply, so a store of 1,000 certificates does not
 * cost 1,000 EC point multiplications; every "yes" is still KeyPairing's own answer.
 */
final class PublicKeyMatch {
    private PublicKeyMatch() {
    }

    static Predicate<PublicKey> of(PrivateKey privateKey) {
        Optional<PublicKey> derived = KeyPairing.publicKeyOf(privateKey);
        return publicKey -> !surelyDifferent(derived, publicKey) && KeyPairing.matches(privateKey, publicKey);
    }

    private static boolean surelyDifferent(Optional<PublicKey> derived, PublicKey publicKey) {
        if (derived.isEmpty()) {
            return false;
        }
        if (derived.get() instanceof RSAPublicKey rsa) {
            return !(publicKey instanceof RSAPublicKey other) || !rsa.getModulus().equals(other.getModulus());
        }
        if (derived.get() instanceof ECPublicKey ec) {
            return !(publicKey instanceof ECPublicKey other) || !ec.getW().equals(other.getW());
        }
        return false;
    }
}
