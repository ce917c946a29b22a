package org.pfxkit.convert;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.pfxkit.shared.keys.KeyFingerprint;
import org.pfxkit.shared.store.PfxOptions;
import org.pfxkit.shared.store.PfxWriter;
import org.pfxkit.shared.store.Profile;

/**
 * The facts a person checks after a conversion, in the tone of mkcert and step: what was written, where, for whom and
 * how it is protected. Printed as text or ({@link JsonSummary}) as JSON; never holds the password.
 */
record Summary(String subject, String issuer, Instant notBefore, Instant notAfter, Validity validity, String key,
               String keyFingerprint, List<String> chain, List<String> unrelated, String friendlyName, String cspName,
               Profile profile, int iterations, Path pfx, Path passwordFile, String passwordOrigin,
               boolean emptyPassword, List<Path> written) {

    enum Validity { VALID, EXPIRED, NOT_YET_VALID }

    private static final int LABEL_WIDTH = 11;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static Summary of(Conversion.Result result, Instant now) {
        X509Certificate leaf = result.material().leaf();
        Instant from = leaf.getNotBefore().toInstant();
        Instant until = leaf.getNotAfter().toInstant();
        Validity validity = now.isAfter(until) ? Validity.EXPIRED
                : now.isBefore(from) ? Validity.NOT_YET_VALID : Validity.VALID;
        List<String> chain = result.writtenChain().stream()
                .map(c -> c.getSubjectX500Principal().getName()).toList();
        PfxOptions options = result.options();
        String name = options.friendlyName() != null ? options.friendlyName() : PfxWriter.commonName(leaf);
        List<String> unrelated = result.unrelated().stream()
                .map(c -> c.value().getSubjectX500Principal().getName() + " from " + c.where()).toList();
        return new Summary(leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(), from,
                until, validity, Certificates.describeKey(leaf.getPublicKey()),
                KeyFingerprint.of(leaf.getPublicKey()), chain, unrelated, name, options.cspName(),
                options.profile(), options.iterations(), result.pfx(), result.passwordFile(),
                result.passwordOrigin(), result.emptyPassword(), result.written());
    }

    /** Warnings for standard error: a certificate outside its validity, a PFX anyone can open, weak protection. */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (validity == Validity.EXPIRED) {
            warnings.add("the certificate expired on " + DAY.format(notAfter)
                    + "; clients will reject it until it is renewed");
        } else if (validity == Validity.NOT_YET_VALID) {
            warnings.add("the certificate is not valid before " + DAY.format(notBefore)
                    + "; clients will reject it until then (check the clock)");
        }
        for (String certificate : unrelated) {
            warnings.add("certificate " + certificate + " is not part of the leaf's chain; it is in the PFX after "
                    + "the chain (leave the file out, or use --no-chain, if it does not belong there)");
        }
        if (emptyPassword) {
            warnings.add("the PFX has an empty password: anyone who gets the file can read the private key");
        }
        if (iterations < PfxOptions.DEFAULT_ITERATIONS) {
            warnings.add("--iterations " + iterations + " is below openssl's " + PfxOptions.DEFAULT_ITERATIONS
                    + ": each guess at the password costs an attacker that much less");
        }
        if (profile == Profile.LEGACY) {
            warnings.add("the legacy profile protects the key with 3DES and a SHA-1 MAC; use it only for importers "
                    + "that need it (Windows Server 2016 and older, Java 8 before 8u301)");
        }
        return warnings;
    }

    void printText(PrintWriter out) {
        out.println("Wrote " + pfx);
        row(out, "subject", subject);
        row(out, "issuer", subject.equals(issuer) ? issuer + " (self-signed)" : issuer);
        // " (EXPIRED)", " (NOT YET VALID)"
        row(out, "valid", DAY.format(notBefore) + " to " + DAY.format(notAfter)
                + (validity == Validity.VALID ? "" : " (" + validity.name().replace('_', ' ') + ")"));
        row(out, "key", key + "  " + keyFingerprint);
        row(out, "chain", chain.size() == 1 ? "the leaf only" : chain.size() + " certificates, leaf first"
                + (unrelated.isEmpty() ? "" : " (" + unrelated.size() + " not linked to it)"));
        chain.subList(1, chain.size()).forEach(issuer -> row(out, "", issuer));
        row(out, "name", friendlyName == null ? "(none: the leaf has no CN; use --name)" : friendlyName);
        if (cspName != null) {
            row(out, "csp", cspName);
        }
        row(out, "protection", profile.label() + ": key and certificates " + profile.encryption() + ", " + iterations
                + " iterations; MAC " + profile.mac());
        row(out, "password", passwordFile != null ? "in " + passwordFile + " (owner-only)"
                : emptyPassword ? "none (empty password)" : "from " + passwordOrigin);
        row(out, "files", written.get(0).toString());
        written.subList(1, written.size()).forEach(file -> row(out, "", file.toString()));
        out.flush();
    }

    /** "  label       value": the label padded to 11 columns. Not printf: java.util.Formatter's first use costs a
     * fresh JVM a few milliseconds of pattern compiling, for one padding. */
    private static void row(PrintWriter out, String label, String value) {
        out.println("  " + label + " ".repeat(LABEL_WIDTH - label.length()) + " " + value);
    }
}
