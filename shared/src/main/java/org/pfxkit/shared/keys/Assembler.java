package org.pfxkit.shared.keys;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.pem.ParsedFile;
import org.pfxkit.shared.pem.ParsedFile.Located;

/** Builds key material from parsed files: one key, the certificate that matches it, the chain; or says what is wrong. */
final class Assembler {
    private static final String FINGERPRINT_HINT = "compare fingerprints: openssl pkey -in KEY -pubout -outform DER "
            + "| openssl sha256, and openssl x509 -in CERT -pubkey -noout | openssl pkey -pubin -outform DER "
            + "| openssl sha256";

    private Assembler() {
    }

    static Assembly assemble(List<ParsedFile> files) throws PfxkitException {
        List<Located<PrivateKey>> keys = new ArrayList<>();
        List<Located<X509Certificate>> certificates = new ArrayList<>();
        for (ParsedFile file : files) {
            keys.addAll(file.keys());
            certificates.addAll(file.certificates());
        }
        Located<PrivateKey> key = theOneKey(keys, files);
        if (certificates.isEmpty()) {
            throw new PfxkitException(Problem.NO_CERTIFICATE, "no certificate found; read " + contents(files),
                    "add the certificate file the CA issued for this key (-----BEGIN CERTIFICATE-----)");
        }
        // Derive the key's public key once; compare it with each certificate's (the exact check of matches()).
        // Plain loops: on the success path of a one-shot command, each first lambda costs start-up time.
        Optional<PublicKey> derived = PublicKeys.derive(key.value());
        Located<X509Certificate> leaf = null;
        Date now = new Date();
        for (Located<X509Certificate> candidate : certificates) {
            PublicKey certificateKey = candidate.value().getPublicKey();
            boolean fits = derived.isPresent() ? PublicKeys.same(derived.get(), certificateKey)
                    : KeyPairing.matches(key.value(), certificateKey);
            if (fits && (leaf == null || betterLeaf(candidate.value(), leaf.value(), now))) {
                leaf = candidate;
            }
        }
        if (leaf == null) {
            throw mismatch(key, certificates);
        }
        List<X509Certificate> others = new ArrayList<>(certificates.size());
        for (Located<X509Certificate> certificate : certificates) {
            others.add(certificate.value());
        }
        ChainOrder.Result order = ChainOrder.order(leaf.value(), others);
        List<X509Certificate> chain = new ArrayList<>(order.chain());
        chain.addAll(order.unrelated());
        List<Located<X509Certificate>> unrelated = new ArrayList<>();
        for (X509Certificate loose : order.unrelated()) {
            for (Located<X509Certificate> certificate : certificates) {
                if (certificate.value() == loose) {
                    unrelated.add(certificate);
                    break;
                }
            }
        }
        return new Assembly(new KeyMaterial(key.value(), chain), key, leaf, unrelated);
    }

    /** Of two certificates for the key, one valid today wins, then the one that expires later. */
    private static boolean betterLeaf(X509Certificate candidate, X509Certificate current, Date now) {
        boolean candidateValid = !now.before(candidate.getNotBefore()) && !now.after(candidate.getNotAfter());
        boolean currentValid = !now.before(current.getNotBefore()) && !now.after(current.getNotAfter());
        if (candidateValid != currentValid) {
            return candidateValid;
        }
        return candidate.getNotAfter().after(current.getNotAfter());
    }

    private static Located<PrivateKey> theOneKey(List<Located<PrivateKey>> keys, List<ParsedFile> files)
            throws PfxkitException {
        if (keys.isEmpty()) {
            throw new PfxkitException(Problem.NO_PRIVATE_KEY, "no private key found; read " + contents(files),
                    "add the private key file (-----BEGIN PRIVATE KEY----- or RSA/EC PRIVATE KEY): the one made "
                            + "together with the certificate request");
        }
        List<Located<PrivateKey>> distinct = new ArrayList<>();
        if (keys.size() > 1) {
            for (Located<PrivateKey> key : keys) {
                if (distinct.stream().noneMatch(d -> KeyPairing.sameKey(d.value(), key.value()))) {
                    distinct.add(key);
                }
            }
        }
        if (distinct.size() > 1) {
            String list = distinct.stream().map(k -> k.where() + " (" + fingerprint(k.value()) + ")")
                    .collect(Collectors.joining(", "));
            throw new PfxkitException(Problem.TOO_MANY_KEYS, distinct.size() + " different private keys were given: "
                    + list, "give only the key that belongs to the certificate; " + FINGERPRINT_HINT);
        }
        return keys.get(0);
    }

    private static PfxkitException mismatch(Located<PrivateKey> key, List<Located<X509Certificate>> certificates) {
        String list = certificates.stream().map(c -> c.where() + " "
                + c.value().getSubjectX500Principal().getName(X500Principal.RFC2253) + " ("
                + KeyFingerprint.of(c.value().getPublicKey()) + ")").collect(Collectors.joining(", "));
        String which = certificates.size() == 1 ? "the certificate " : "any of the certificates: ";
        return new PfxkitException(Problem.KEY_CERT_MISMATCH, "the private key in " + key.where() + " ("
                + fingerprint(key.value()) + ") does not belong to " + which + list,
                "use the key made with this certificate's request, or the certificate issued for this key; "
                        + FINGERPRINT_HINT);
    }

    static String fingerprint(PrivateKey key) {
        return KeyPairing.publicKeyOf(key).map(KeyFingerprint::of).orElse("fingerprint unknown");
    }

    private static String contents(List<ParsedFile> files) {
        if (files.isEmpty()) {
            return "no files";
        }
        return files.stream().map(f -> "'" + f.file() + "' (" + f.summary() + ")").collect(Collectors.joining(", "));
    }
}
