package org.pfxkit.shared.keys;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.pem.ParsedFile;

/**
 * The one place that pairs a private key with its certificate and orders the chain; used by pfxconvert, the server
 * and certfind.
 */
public final class KeyPairing {
    private KeyPairing() {
    }

    /** True when the public key belongs to the private key. */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * From any mix of parsed files: the one private key, the certificate whose public key matches it, and the rest
     * ordered as its chain (leaf, intermediates, root).
     */
    public static KeyMaterial assemble(List<ParsedFile> files) throws PfxkitException {
        throw new PfxkitException(Problem.INTERNAL, "key pairing is being written", null);
    }
}
