package org.pfxkit.inspect;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import org.pfxkit.cli.PasswordOptions;
import org.pfxkit.cli.Version;
import org.pfxkit.shared.error.ExitCodes;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.match.ChainLinks;
import org.pfxkit.shared.match.IndexedCertificate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certfind show STORE [INDEX]}: every detail of one certificate, or of all, in search order. */
@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Prints every detail of one certificate, or of all.",
            "INDEX is 1-based, in the order searches visit the certificates. Shown: names in RFC 4514 and "
                + "Windows form, serial, validity, key, SANs, key usage and EKU, SHA-1 and SHA-256 fingerprints, PKCS#12 bag attributes (friendlyName, localKeyID, "
                + "CSP name, Local Key Set, others) and the chain links found inside the store."})
final class ShowCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STORE", description = "The keystore.")
    Path store;

    @Parameters(index = "1", paramLabel = "INDEX", arity = "0..1", description = "Which certificate (default: all).")
    Integer index;

    @Mixin
    PasswordOptions password = new PasswordOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws PfxkitException {
        StoreView view = StoreView.of(StoreOpener.open(store, password));
        int size = view.index().size();
        if (index != null && (index < 1 || index > size)) {
            throw new PfxkitException(Problem.BAD_USAGE, "'" + store + "' holds " + size + " certificate"
                    + (size == 1 ? "" : "s") + "; there is no #" + index, "give an index from 1 to " + size
                    + " (certfind " + store + " lists them)");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("store: " + view.path() + " (" + view.format() + ", " + size + " certificate"
                + (size == 1 ? "" : "s") + ", " + view.orderNote() + ")");
        if (view.keysWithoutCertificate() > 0) {
            out.println("also: " + view.keysWithoutCertificate() + " private key(s) without a certificate");
        }
        ChainLinks links = ChainLinks.of(view.index());
        Instant now = Instant.now();
        for (IndexedCertificate c : view.index().certificates()) {
            if (index == null || index == c.index()) {
                out.println();
                CertificateDetails.print(c, links, now, out);
            }
        }
        out.flush();
        return size > 0 ? ExitCodes.OK : ExitCodes.NOT_FOUND;
    }
}
