package org.pfxkit.inspect;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;

import org.pfxkit.cli.CommandModel;
import org.pfxkit.cli.CommandRunner;
import org.pfxkit.cli.PasswordOptions;
import org.pfxkit.shared.error.ExitCodes;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.match.CertificateSearch;
import org.pfxkit.shared.match.ChainLinks;
import org.pfxkit.shared.match.IndexedCertificate;
import org.pfxkit.shared.match.SearchResult;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code certfind}: which certificate a Windows-style search returns from a keystore, and why. Parses and prints. The
 * command line is declared in code ({@link CommandModel} says why).
 */
public final class CertFindCommand implements CommandModel.InCode, CommandRunner.Finder {
    private static final String[] DESCRIPTION = {
        "Shows which certificate a Windows CryptoAPI search (CertFindCertificateInStore, as TWAPI's "
                + "cert_store_find_certificate calls it) returns from a keystore, in which order the store lists "
                + "its certificates, and for every certificate that does not match, why.",
        "",
        "Reads PKCS#12/PFX, JKS, PEM bundles and DER certificates. The password comes from --password-file or "
                + "--password-env, else the .pwd file beside the store (cert.pfx: cert.pwd), else the empty "
                + "password, else a prompt when there is a terminal. Without a search option the store is listed."};
    private static final String[] EXAMPLES = {
        "  certfind --subject hunter cert.pfx",
        "      what TWAPI's 'subject_substring hunter' search returns, and why",
        "  certfind --any cert.pfx",
        "      the first certificate in Windows' order; warns if a server cannot use it",
        "  certfind --dns www.example.com --has-key site.pfx",
        "      what a client accepts for www.example.com, key in the store",
        "  certfind --sha1 'ab 12 ... 9f' cert.pfx",
        "      the thumbprint as certmgr shows it",
        "  certfind --json --subject hunter cert.pfx",
        "      one JSON document (schema in docs/certfind.md)",
        "  certfind show cert.pfx 2",
        "      all about certificate #2: names, key, SANs, usages, bag attributes",
        "  certfind --password-file cert.pwd cert.pfx",
        "      list the store (cert.pwd beside cert.pfx is read without the option)"};

    private final PositionalParamSpec store = PositionalParamSpec.builder().paramLabel("STORE").arity("0..1")
            .type(Path.class).description("The keystore: .pfx/.p12, .jks, PEM or DER.").build();
    private final SearchOptions search = new SearchOptions();
    private final OptionSpec hasKey = CommandModel.flag("--has-key", "Accept only certificates whose private key is "
            + "in the store; combines with any search.");
    private final PasswordOptions password = new PasswordOptions();
    private final OptionSpec json = CommandModel.flag("--json", "Print one JSON document, whose schema the certfind "
            + "guide in docs describes.");
    private final OptionSpec verbose = CommandModel.flag("--verbose", "Print every certificate's details after the "
            + "report; stack traces on errors.");
    private final CommandSpec spec;

    public CertFindCommand() {
        spec = CommandModel.command(this, "certfind", DESCRIPTION, EXAMPLES).addPositional(store)
                .addArgGroup(search.group()).addOption(hasKey);
        password.addTo(spec);
        CommandModel.withHelpOptions(spec.addOption(json).addOption(verbose));
        spec.addSubcommand("show", new CommandLine(new ShowCommand().spec()));
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws PfxkitException {
        Path store = this.store.getValue();
        if (store == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'STORE'");
        }
        CertificateSearch query = search.toSearch();
        boolean hasKey = CommandModel.isSet(this.hasKey);
        if (hasKey) {
            query = query.requireKey();
        }
        StoreView view = StoreView.of(StoreOpener.open(store, password));
        Instant now = Instant.now();
        SearchResult result = query.search(view.index(), now);
        String option = search.asOption() + (hasKey ? " --has-key" : "");
        PrintWriter out = spec.commandLine().getOut();
        if (CommandModel.isSet(json)) {
            JsonReport.print(view, result, option, out);
        } else {
            TextReport.print(view, result, option, out);
            if (CommandModel.isSet(verbose)) {
                ChainLinks links = ChainLinks.of(view.index());
                for (IndexedCertificate c : view.index().certificates()) {
                    out.println();
                    CertificateDetails.print(c, links, now, out);
                }
                out.flush();
            }
        }
        return result.found() ? ExitCodes.OK : ExitCodes.NOT_FOUND;
    }
}
