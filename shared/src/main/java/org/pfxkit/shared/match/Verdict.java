package org.pfxkit.shared.match;

import java.util.List;

/**
 * One certificate's outcome in a search: whether it matches, why in one line, and hints when it does not.
 *
 * @param certificate the certificate, with its 1-based store index
 * @param matches     true when the search accepts it
 * @param reason      one line: why it matches or why not
 * @param hints       what the user probably meant, for a certificate that does not match
 */
public record Verdict(IndexedCertificate certificate, boolean matches, String reason, List<Finding> hints) {
    public Verdict {
        hints = List.copyOf(hints);
    }

    public int index() {
        return certificate.index();
    }
}
