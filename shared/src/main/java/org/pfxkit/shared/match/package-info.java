/**
 * Windows' certificate searches, mirrored exactly and explained: which certificate
 * {@code CertFindCertificateInStore} returns for a subject or issuer substring ({@code CERT_FIND_SUBJECT_STR}, TWAPI's
 * {@code subject_substring}), for {@code CERT_FIND_ANY}, a SHA-1 thumbprint or a whole name, and which certificates a
 * TLS client accepts for a host name. Used by {@code certfind} and by the server to choose its certificate.
 *
 * <pre>
 * CertificateIndex index = CertificateIndex.of(keystore.enumerationOrder()); // names rendered once per certificate
 * SearchResult result = CertificateSearch.subjectSubstring("hunter").requireKey().search(index);
 * result.returnedEntry();   // the StoreEntry Windows would return (certificate + private key), if any
 * result.certificates();    // every certificate in store order: matches(), reason(), hints()
 * result.warnings();        // why the returned certificate cannot serve TLS (CA, no key, expired, EKU)
 * </pre>
 *
 * <p>The rules and their sources (Wine's crypt32, Microsoft's documentation) are in docs/matching.md. Nothing here
 * prints or exits; every type is immutable or thread-safe.
 */
package org.pfxkit.shared.match;
