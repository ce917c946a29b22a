package org.pfxkit.server;

import java.util.List;

import org.pfxkit.shared.keys.KeyMaterial;

/**
 * The certificate a server presents, and why it was chosen.
 *
 * @param material    the private key and chain
 * @param source      where it came from, e.g. {@code 'cert.pfx'} or {@code the embedded default}
 * @param explanation the reasons, one line each (for a keystore search: the matcher's explanation, as certfind prints)
 */
public record ChosenCertificate(KeyMaterial material, String source, List<String> explanation) {
    public ChosenCertificate {
        explanation = List.copyOf(explanation);
    }
}
