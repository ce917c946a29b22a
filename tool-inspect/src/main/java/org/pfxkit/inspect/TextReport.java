package org.pfxkit.inspect;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.pfxkit.shared.match.CertificateSearch;
import org.pfxkit.shared.match.Finding;
import org.pfxkit.shared.match.IndexedCertificate;
import org.pfxkit.shared.match.SearchResult;
import org.pfxkit.shared.match.Verdict;

/**
 * The readable report: a table of the store in search order, one reason per certificate, the hints and warnings,
 * every match numbered in loop order, and the answer.
 */
final class TextReport {
    static final int SUBJECT_WIDTH = 44;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private TextReport() {
    }

    static void print(StoreView store, SearchResult result, String option, PrintWriter out) {
        int n = store.index().size();
        out.println("store:  " + store.path() + " (" + store.format() + ", " + n + " certificate" + (n == 1 ? "" : "s")
                + (store.keysWithoutCertificate() > 0 ? ", " + store.keysWithoutCertificate()
                + " private key(s) without a certificate" : "") + ")");
        out.println("order:  " + store.orderNote());
        out.println("search: " + result.search().describe() + searchNote(result));
        out.println();
        table(result.certificates(), out);
        boolean everyoneMatches = result.search().kind() == CertificateSearch.Kind.ANY
                || result.search().kind() == CertificateSearch.Kind.LIST;
        // 'any' and a listing accept every certificate: only the exceptions (--has-key) need a reason.
        List<Verdict> explained = result.certificates().stream().filter(v -> !(everyoneMatches && v.matches()))
                .toList();
        if (!explained.isEmpty()) {
            out.println();
        }
        for (Verdict v : explained) {
            out.println("#" + v.index() + (v.matches() ? " matches: " : " no match: ") + v.reason());
        }
        List<Finding> hints = result.allHints();
        if (!hints.isEmpty()) {
            out.println();
            hints.forEach(h -> out.println("hint: " + h.message()));
        }
        if (!result.warnings().isEmpty()) {
            out.println();
            result.warnings().forEach(w -> out.println("warning: " + w.message()));
        }
        out.println();
        if (result.matches().size() > 1) {
            out.println("matches in the order a loop passing the previous result visits them:");
            for (int i = 0; i < result.matches().size(); i++) {
                IndexedCertificate c = result.matches().get(i).certificate();
                out.println("  " + (i + 1) + ". #" + c.index() + " " + c.windowsSubject());
            }
        }
        out.println(answer(result, option));
        out.flush();
    }

    static String answer(SearchResult result, String option) {
        if (result.returned().isEmpty()) {
            return option + " returns nothing" + (result.certificates().isEmpty() ? ": the store holds no certificate"
                    : ": no certificate matches");
        }
        IndexedCertificate c = result.returned().get().certificate();
        return option + " returns #" + c.index() + ": " + c.subject();
    }

    private static String searchNote(SearchResult result) {
        return switch (result.search().kind()) {
            case SUBJECT_STR, ISSUER_STR -> " (CertFindCertificateInStore: the Windows form below, case-insensitive "
                    + "substring)";
            case ANY -> " (CERT_FIND_ANY: the first certificate in store order)";
            case LIST -> " (no search option: 'any' would return the first)";
            default -> "";
        };
    }

    private static void table(List<Verdict> verdicts, PrintWriter out) {
        out.printf("%3s %5s  %-" + SUBJECT_WIDTH + "s %-3s  %-10s  %s%n", "#", "match", "subject (Windows form)",
                "key", "valid to", "SHA-1 thumbprint");
        for (Verdict v : verdicts) {
            IndexedCertificate c = v.certificate();
            out.printf("%3d %5s  %-" + SUBJECT_WIDTH + "s %-3s  %-10s  %s%n", c.index(), v.matches() ? "yes" : "no",
                    fit(c.windowsSubject()), c.hasPrivateKey() ? "yes" : "no",
                    DAY.format(c.certificate().getNotAfter().toInstant()), c.sha1Hex());
        }
    }

    /** Keeps the start and the end of a long name: the CN is usually last in the Windows form. */
    static String fit(String name) {
        String oneLine = name.replace('\n', ' ').replace('\r', ' ');
        if (oneLine.length() <= SUBJECT_WIDTH) {
            return oneLine;
        }
        int head = 14;
        int tail = SUBJECT_WIDTH - head - 3;
        return oneLine.substring(0, head) + "..." + oneLine.substring(oneLine.length() - tail);
    }
}
