package org.pfxkit.inspect;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import org.pfxkit.cli.CommandRunner;
import org.pfxkit.cli.PasswordOptions;
import org.pfxkit.cli.Version;
import org.pfxkit.shared.error.ExitCodes;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.match.CertificateSearch;
import org.pfxkit.shared.match.ChainLinks;
import org.pfxkit.shared.match.IndexedCertificate;
import org.pfxkit.shared.match.SearchResult;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certfind}: which certificate a Windows-style search returns from a keystore, and why. Parses and prints. */
@Command(name = "certfind", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        subcommands = ShowCommand.class,
        description = {
            "Shows which certificate a Windows CryptoAPI search (CertFindCertificateInStore, as TWAPI's "
                    + "cert_store_find_certificate calls it) returns from a keystore, in which order the store lists "
                    + "its certificates, and for every certificate that does not match, why.",
            "",
            "Reads PKCS#12/PFX, JKS, PEM bundles and DER certificates. The password comes from --password-file or "
                    + "--password-env, else the .pwd file beside the store (cert.pfx: cert.pwd), else the empty "
                    + "password, else a prompt when there is a terminal. Without a search option the store is listed."},
        footerHeading = "%nExamples:%n",
        footer = {
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
            "      list the store (cert.pwd beside cert.pfx is read without the option)"})
public final class CertFindCommand implements Callable<Integer>, CommandRunner.Finder {

    @Parameters(paramLabel = "STORE", arity = "0..1", description = "The keystore: .pfx/.p12, .jks, PEM or DER.")
    Path store;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "%nSearch (one at most; none lists the store):%n")
    SearchOptions search;

    @Option(names = "--has-key", description = "Accept only certificates whose private key is in the store; "
            + "combines with any search.")
    boolean hasKey;

    @Mixin
    PasswordOptions password = new PasswordOptions();

    @Option(names = "--json", description = "Print one JSON document, whose schema the certfind guide in docs "
            + "describes.")
    boolean json;

    @Option(names = "--verbose", description = "Print every certificate's details after the report; stack traces "
            + "on errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws PfxkitException {
        if (store == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'STORE'");
        }
        SearchOptions options = search != null ? search : new SearchOptions();
        CertificateSearch query = options.toSearch();
        if (hasKey) {
            query = query.requireKey();
        }
        StoreView view = StoreView.of(StoreOpener.open(store, password));
        Instant now = Instant.now();
        SearchResult result = query.search(view.index(), now);
        String option = options.asOption() + (hasKey ? " --has-key" : "");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonReport.print(view, result, option, out);
        } else {
            TextReport.print(view, result, option, out);
            if (verbose) {
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
