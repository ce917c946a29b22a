package org.pfxkit.shared.match;

/**
 * A hint (why a certificate did not match, and what the user probably meant) or a warning (the returned certificate
 * cannot serve TLS). {@code kind} is stable for scripts and JSON; {@code message} is one line for people.
 *
 * @param kind    what was found
 * @param index   the certificate it is about (1-based store order), or 0 for the store as a whole
 * @param message one line, naming the certificate by its index
 */
public record Finding(Kind kind, int index, String message) {
    public enum Kind {
        // hints about a certificate that did not match
        FOUND_IN_ISSUER,
        FOUND_IN_SUBJECT,
        FOUND_IN_DNS_NAME,
        LABEL_REMOVED,
        RDN_ORDER,
        SURROUNDING_SPACES,
        UNICODE_NORMALISATION,
        PARTIAL_NAME,
        // hints about the store
        ONLY_MATCH_WITHOUT_KEY,
        USABLE_ALTERNATIVE,
        // warnings about the returned certificate
        CA_CERTIFICATE,
        NO_PRIVATE_KEY,
        EXPIRED,
        NOT_YET_VALID,
        NO_SERVER_AUTH,
        BREAKS_RFC_5280
    }
}
