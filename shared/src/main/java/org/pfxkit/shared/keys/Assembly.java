package org.pfxkit.shared.keys;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.pfxkit.shared.pem.ParsedFile.Located;

/**
 * The result of {@link KeyPairing#assembleReport}: the key material (leaf, chain, then unrelated certificates) plus
 * where the key and the leaf were found and which given certificates do not link to the leaf's chain, so a command
 * can warn about them.
 *
 * @param unrelated certificates that are not an issuer in the leaf's chain (also at the end of material's chain)
 */
public record Assembly(KeyMaterial material, Located<PrivateKey> key, Located<X509Certificate> leaf,
                       List<Located<X509Certificate>> unrelated) {
    public Assembly {
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(leaf, "leaf");
        unrelated = List.copyOf(unrelated);
    }

    /** Leaf, intermediates and root as far as they link, without the unrelated certificates. */
    public List<X509Certificate> linkedChain() {
        return material.chain().subList(0, material.chain().size() - unrelated.size());
    }
}
