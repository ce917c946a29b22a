package org.pfxkit.shared.keys;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain, leaf first, then intermediates, then (when given) the root: what a PFX
 * carries and what a TLS server presents.
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {
    public KeyMaterial {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chain holds at least the leaf certificate");
        }
    }

    /** The certificate whose public key matches {@link #privateKey()}. */
    public X509Certificate leaf() {
        return chain.get(0);
    }
}
