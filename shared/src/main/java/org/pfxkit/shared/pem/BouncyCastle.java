package org.pfxkit.shared.pem;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider instance pfxkit hands to bcpkix's Jce* builders: created on first use only (its
 * registry is large, and a plain PEM conversion never needs it) and never registered with the JVM.
 */
public final class BouncyCastle {
    private BouncyCastle() {
    }

    private static final class Holder {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    public static Provider provider() {
        return Holder.PROVIDER;
    }
}
