package org.pfxkit.inspect;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;

import org.pfxkit.cli.CommandModel;
import org.pfxkit.cli.PasswordOptions;
import org.pfxkit.shared.error.ExitCodes;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.match.ChainLinks;
import org.pfxkit.shared.match.IndexedCertificate;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code certfind show STORE [INDEX]}: every detail of one certificate, or of all, in search order. */
final class ShowCommand implements CommandModel.InCode {
    private static final String[] DESCRIPTION = {"Prints every detail of one certificate, or of all.",
        "INDEX is 1-based, in the order searches visit the certificates. Shown: names in RFC 4514 and Windows form, "
                + "serial, validity, key, SANs, key usage and EKU, SHA-1 and SHA-256 fingerprints, PKCS#12 bag "
                + "attributes (friendlyName, localKeyID, CSP name, Local Key Set, others) and the chain links found "
                + "inside the store."};

    private final PositionalParamSpec store = PositionalParamSpec.builder().index("0").paramLabel("STORE")
            .type(Path.class).description("The keystore.").build();
    private final PositionalParamSpec index = PositionalParamSpec.builder().index("1").paramLabel("INDEX")
            .arity("0..1").type(Integer.class).description("Which certificate (default: all).").build();
    private final PasswordOptions password = new PasswordOptions();
    private final CommandSpec spec;

    ShowCommand() {
        spec = CommandModel.command(this, "show", DESCRIPTION).addPositional(store).addPositional(index);
        CommandModel.withHelpOptions(password.addTo(spec));
        spec.usageMessage().sortOptions(true);
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws PfxkitException {
        Path store = this.store.getValue();
        Integer index = this.index.getValue();
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
