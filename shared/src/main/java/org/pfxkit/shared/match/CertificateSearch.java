package org.pfxkit.shared.match;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.store.StoreEntry;

/**
 * A Windows {@code CertFindCertificateInStore} search, run over certificates in store order, that explains itself:
 * <pre>
 * SearchResult r = CertificateSearch.subjectSubstring("hunter").search(keystore.enumerationOrder());
 * r.returned()   // what CertFindCertificateInStore(..., CERT_FIND_SUBJECT_STR, L"hunter", NULL) returns
 * r.matches()    // what a loop passing the previous result visits, in order
 * r.certificates().forEach(v -&gt; System.out.println(v.index() + " " + v.matches() + " " + v.reason()));
 * </pre>
 * The list must be in the store's enumeration order ({@code Keystore.enumerationOrder()} for a PFX); a server that
 * builds {@link StoreEntry} values from PEM files passes them in the order it wants searched. Index a store once
 * with {@link CertificateIndex#of} to run many searches without re-rendering any name. Immutable and thread-safe.
 */
public final class CertificateSearch {
    /** The kinds of search, named after their CERT_FIND_* constants where Windows has one. */
    public enum Kind { LIST, ANY, SUBJECT_STR, ISSUER_STR, SHA1_HASH, SUBJECT_NAME, DNS_NAME }

    private final Kind kind;
    private final String argument;
    private final Criterion criterion;
    private final boolean keyRequired;

    private CertificateSearch(Kind kind, String argument, Criterion criterion, boolean keyRequired) {
        this.kind = kind;
        this.argument = argument;
        this.criterion = criterion;
        this.keyRequired = keyRequired;
    }

    /** No search: every certificate listed; {@link SearchResult#returned()} is what 'any' returns. */
    public static CertificateSearch list() {
        return new CertificateSearch(Kind.LIST, null, c -> Evaluation.yes("listed"), false);
    }

    /** CERT_FIND_ANY: the first certificate in store order (Wine cert.c {@code find_cert_any}). */
    public static CertificateSearch any() {
        return new CertificateSearch(Kind.ANY, null, c -> Evaluation.yes("'any' accepts every certificate"), false);
    }

    /** CERT_FIND_SUBJECT_STR (TWAPI {@code subject_substring}). */
    public static CertificateSearch subjectSubstring(String text) {
        return new CertificateSearch(Kind.SUBJECT_STR, text, new SubstringCriterion(true, text), false);
    }

    /** CERT_FIND_ISSUER_STR (TWAPI {@code issuer_substring}). */
    public static CertificateSearch issuerSubstring(String text) {
        return new CertificateSearch(Kind.ISSUER_STR, text, new SubstringCriterion(false, text), false);
    }

    /** CERT_FIND_SHA1_HASH; hex in any case with spaces or colons. Bad hex or a wrong length is bad usage. */
    public static CertificateSearch sha1(String hex) throws PfxkitException {
        Thumbprint thumbprint = Thumbprint.parse(hex);
        return new CertificateSearch(Kind.SHA1_HASH, thumbprint.hex(), thumbprint, false);
    }

    /** A whole subject name (CERT_FIND_SUBJECT_NAME), given as an RFC 4514 string and compared normalised. */
    public static CertificateSearch subjectName(String rfc4514) throws PfxkitException {
        SubjectNameCriterion criterion = SubjectNameCriterion.parse(rfc4514);
        return new CertificateSearch(Kind.SUBJECT_NAME, rfc4514, criterion, false);
    }

    /** The certificates a TLS client accepts for a host name or IP address (RFC 6125). */
    public static CertificateSearch dnsName(String host) throws PfxkitException {
        return new CertificateSearch(Kind.DNS_NAME, host, DnsNameCriterion.parse(host), false);
    }

    /** The same search, accepting only certificates whose private key is in the store. */
    public CertificateSearch requireKey() {
        return new CertificateSearch(kind, argument, criterion, true);
    }

    public Kind kind() {
        return kind;
    }

    /** The search text, thumbprint, name or host; null for LIST and ANY. */
    public String argument() {
        return argument;
    }

    public boolean keyRequired() {
        return keyRequired;
    }

    /** For messages: "subject substring 'hunter'", "'any'", "SHA-1 thumbprint AB12...". */
    public String describe() {
        String base = switch (kind) {
            case LIST -> "listing";
            case ANY -> "'any'";
            case SUBJECT_STR -> "subject substring '" + argument + "'";
            case ISSUER_STR -> "issuer substring '" + argument + "'";
            case SHA1_HASH -> "SHA-1 thumbprint " + argument;
            case SUBJECT_NAME -> "subject name '" + argument + "'";
            case DNS_NAME -> "DNS name '" + argument + "'";
        };
        return keyRequired ? base + " with a private key" : base;
    }

    public SearchResult search(List<StoreEntry> entriesInStoreOrder) {
        return search(CertificateIndex.of(entriesInStoreOrder), Instant.now());
    }

    public SearchResult search(CertificateIndex index) {
        return search(index, Instant.now());
    }

    /** Runs the search; {@code now} decides the validity warnings. */
    public SearchResult search(CertificateIndex index, Instant now) {
        Objects.requireNonNull(now, "now");
        List<Verdict> verdicts = new ArrayList<>(index.size());
        for (IndexedCertificate c : index.certificates()) {
            Evaluation e = criterion.evaluate(c);
            Verdict verdict;
            if (e.matches() && keyRequired && !c.hasPrivateKey()) {
                verdict = new Verdict(c, false, e.reason() + ", but its private key is not in the store", List.of());
            } else if (e.matches()) {
                verdict = new Verdict(c, true, e.reason(), List.of());
            } else {
                verdict = new Verdict(c, false, e.reason(), criterion.hints(c));
            }
            verdicts.add(verdict);
        }
        List<Verdict> matches = verdicts.stream().filter(Verdict::matches).toList();
        List<Finding> warnings = matches.isEmpty() ? List.of()
                : ServerUsability.problems(matches.get(0).certificate(), now);
        return new SearchResult(this, verdicts, matches, storeHints(index, matches, warnings, now), warnings);
    }

    private List<Finding> storeHints(CertificateIndex index, List<Verdict> matches, List<Finding> warnings,
                                     Instant now) {
        List<Finding> hints = new ArrayList<>();
        if (matches.size() == 1 && !matches.get(0).certificate().hasPrivateKey()) {
            int i = matches.get(0).index();
            hints.add(new Finding(Finding.Kind.ONLY_MATCH_WITHOUT_KEY, i, "the only match, #" + i
                    + ", has no private key in the store: a server cannot use it"));
        }
        if (!warnings.isEmpty()) {
            // A usable certificate has its private key, so it is a match of 'any' and of a listing too: the first
            // usable match is also the first usable certificate of the store.
            boolean everyCertificate = kind == Kind.ANY || kind == Kind.LIST;
            for (int n = 0; n < matches.size(); n++) {
                IndexedCertificate alternative = matches.get(n).certificate();
                if (ServerUsability.usable(alternative, now)) {
                    int i = alternative.index();
                    String who = "#" + i + " " + Show.quote(alternative.windowsSubject());
                    String text = distinctiveText(index, alternative);
                    String how = text == null ? "" : "; a subject search for " + Show.quote(text) + " returns it";
                    hints.add(new Finding(Finding.Kind.USABLE_ALTERNATIVE, i, everyCertificate
                            ? who + " is the first certificate a server can use" + how
                            : who + " is the first match a server can use (match " + (n + 1) + " of a loop)" + how));
                    break;
                }
            }
        }
        return hints;
    }

    /**
     * A value of the certificate's subject (the last RDN first: usually the CN) for which a subject substring search
     * returns this certificate first, or null when every value also occurs in an earlier certificate's subject.
     */
    static String distinctiveText(CertificateIndex index, IndexedCertificate target) {
        for (List<NameAttribute> rdn : target.subjectRdns().reversed()) {
            for (NameAttribute value : rdn) {
                String folded = IndexedCertificate.fold(value.text());
                if (value.hex() || folded.isEmpty()) {
                    continue;
                }
                if (index.certificates().stream().filter(c -> c.subjectFolded().contains(folded)).findFirst()
                        .orElse(null) == target) {
                    return value.text();
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return describe();
    }
}
