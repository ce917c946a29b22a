package org.pfxkit.convert;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.pfxkit.cli.CommandModel;
import org.pfxkit.cli.PasswordOptions;
import org.pfxkit.shared.error.ExitCodes;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.pem.ParsedFile;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.store.PfxOptions;
import org.pfxkit.shared.store.Profile;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code pfxconvert}: PEM to PFX and back. Parses and prints; {@link Conversion} and {@link PemExport} do the work.
 * The command line is declared in code ({@link CommandModel} says why).
 */
public final class PfxConvertCommand implements CommandModel.InCode {
    private static final String[] DESCRIPTION = {
        "Converts a private key and its certificate (PEM or DER, in any order, with any chain files) to a "
                + "PKCS#12/PFX file for Windows, Java and .NET servers, and back with --to-pem.",
        "",
        "Files are recognised by content. The PFX is written beside the certificate file (the first file that "
                + "holds the certificate matching the key: public.pem gives public.pfx) unless --out is given. "
                + "Without a password option a strong random password is generated and written to the .pwd file "
                + "beside the PFX (public.pwd, owner-only). Existing files are never replaced without --force."};
    private static final String[] EXAMPLES = {
        "  pfxconvert private.pem public.pem",
        "      writes public.pfx, and its generated password to public.pwd",
        "  pfxconvert cert.pem key.pem chain.pem --out site.pfx \\",
        "             --password-file site.pwd",
        "      any order; the chain goes leaf first; password read from site.pwd",
        "  pfxconvert --profile legacy --csp aes key.pem cert.pem",
        "      for Windows Server 2016 and older, with the CSP Schannel needs",
        "      to sign TLS 1.2 with SHA-256",
        "  pfxconvert --to-pem site.pfx",
        "      the way back: site.key (owner-only) and site.crt (leaf first);",
        "      the password is read from site.pwd when it exists",
        "  pfxconvert --demo",
        "      converts a throw-away localhost key and certificate"};

    private final PositionalParamSpec files = PositionalParamSpec.builder().paramLabel("FILE").arity("0..*")
            .type(List.class).auxiliaryTypes(Path.class).description("The private key, the certificate and any chain "
                    + "files, in any order (PEM or DER). With --to-pem: the one store to export.").build();
    private final OptionSpec out = CommandModel.option("--out", "FILE", Path.class, "The PFX to write, or a folder to "
            + "write it into; the password file is FILE with the extension pwd. With --to-pem: the base name of the "
            + "PEM files (extensions key and crt), or their folder.").converters(new OutputPath()).build();
    private final PasswordOptions password = new PasswordOptions();
    private final OptionSpec keyPasswordFile = CommandModel.option("--key-password-file", "FILE", Path.class,
            "Passphrase of an encrypted input key, first line of FILE. With --to-pem: encrypt the written key with "
                    + "it (PBES2 AES-256).").build();
    private final OptionSpec keyPasswordEnv = CommandModel.option("--key-password-env", "VAR", String.class,
            "As --key-password-file, from environment variable VAR. Without either, an encrypted key's passphrase "
                    + "is asked for on the terminal (no echo).").build();
    private final OptionSpec profile = CommandModel.option("--profile", "modern|legacy", Profile.class, "modern "
            + "(default): AES-256-CBC, PBKDF2-HMAC-SHA256, SHA-256 MAC, as openssl 3; legacy: 3DES and a SHA-1 MAC, "
            + "for Windows Server 2016 and older and Java 8 before 8u301.").defaultValue("modern")
            .completionCandidates(new Profile.Labels()).build();
    private final OptionSpec iterations = CommandModel.option("--iterations", "N", Integer.class, "Iterations of "
            + "every key derivation and of the MAC (default: " + PfxOptions.USER_PASSWORD_ITERATIONS + " with a "
            + "password you give, " + PfxOptions.DEFAULT_ITERATIONS + " with a generated or empty one).").build();
    private final OptionSpec name = CommandModel.option("--name", "ALIAS", String.class, "Friendly name of the key "
            + "and certificate (the alias keytool shows; default: the certificate's CN).").build();
    private final OptionSpec csp = CommandModel.option("--csp", "aes|NAME", String.class, "Add the Microsoft CSP "
            + "name attribute to the key; 'aes' means \"" + PfxOptions.ENHANCED_RSA_AES_CSP + "\", which Schannel "
            + "needs to sign TLS 1.2 with SHA-256.").build();
    private final OptionSpec noChain = CommandModel.flag("--no-chain",
            "Write only the leaf certificate, not the chain.");
    private final OptionSpec force = CommandModel.flag("--force", "Replace existing output files.");
    private final OptionSpec json = CommandModel.flag("--json",
            "Print the summary as one JSON object (never the password).");
    private final OptionSpec toPem = CommandModel.flag("--to-pem", "The way back: write STORE's key and chain as "
            + "PEM files, NAME with the extensions key and crt.");
    private final OptionSpec demo = CommandModel.flag("--demo",
            "Convert a throw-away localhost key and certificate; needs no input.");
    private final OptionSpec verbose = CommandModel.flag("--verbose",
            "Say what each input file holds; stack traces on errors.");
    private final CommandSpec spec;

    public PfxConvertCommand() {
        spec = CommandModel.command(this, "pfxconvert", DESCRIPTION, EXAMPLES).addPositional(files).addOption(out);
        password.addTo(spec);
        spec.addOption(keyPasswordFile).addOption(keyPasswordEnv).addOption(profile).addOption(iterations)
                .addOption(name).addOption(csp).addOption(noChain).addOption(force).addOption(json).addOption(toPem)
                .addOption(demo).addOption(verbose);
        CommandModel.withHelpOptions(spec);
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws PfxkitException {
        boolean toPem = CommandModel.isSet(this.toPem);
        boolean demo = CommandModel.isSet(this.demo);
        if (toPem && demo) {
            throw usage("--to-pem and --demo cannot be combined");
        }
        return toPem ? toPem() : demo ? demo() : convert(files(), keyPassword());
    }

    private int demo() throws PfxkitException {
        if (!files().isEmpty()) {
            throw usage("--demo makes its own key and certificate and takes no input files");
        }
        Path out = this.out.getValue();
        Path folder;
        try {
            folder = out == null ? Files.createTempDirectory("pfxconvert-demo-")
                    : Files.isDirectory(out) ? out.toAbsolutePath() : out.toAbsolutePath().getParent();
        } catch (IOException e) {
            throw new PfxkitException(Problem.ENVIRONMENT, "cannot make a temporary folder for the demo: "
                    + e.getMessage(), "set TMPDIR to a writable folder, or give --out DIR/demo.pfx");
        }
        convert(DemoMaterial.write(folder, CommandModel.isSet(force)), null);
        if (!CommandModel.isSet(json)) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println();
            stdout.println("Demo folder: " + folder + " (throw-away key and certificate; delete it when done)");
            stdout.flush();
        }
        return ExitCodes.OK;
    }

    private int toPem() throws PfxkitException {
        List<Path> files = files();
        if (files.size() != 1) {
            throw usage("--to-pem takes exactly one store, not " + files.size() + " files");
        }
        Path store = files.get(0);
        PemExport.Result result = PemExport.run(new PemExport.Request(store, password.forStore(store, null),
                keyPassword(), out.getValue(), CommandModel.isSet(force)));
        PrintWriter stdout = spec.commandLine().getOut();
        if (CommandModel.isSet(json)) {
            JsonSummary.printPemExport(result, stdout);
        } else {
            stdout.println("Wrote " + result.keyFile() + " (private key, "
                    + (result.keyEncrypted() ? "encrypted with AES-256" : "unencrypted, owner-only") + ")");
            stdout.println("Wrote " + result.certificateFile() + " (" + result.material().chain().size()
                    + " certificate(s), leaf first)");
            stdout.println("  subject     " + result.material().leaf().getSubjectX500Principal().getName());
            stdout.flush();
        }
        return ExitCodes.OK;
    }

    /** Converts, then prints what --verbose asks for and the warnings on stderr, the summary on stdout. */
    private int convert(List<Path> inputs, PasswordSource keyPassword) throws PfxkitException {
        Conversion.Result result = Conversion.run(new Conversion.Request(inputs, keyPassword,
                password.explicitSource(), out.getValue(), options(), CommandModel.isSet(force)));
        PrintWriter stderr = spec.commandLine().getErr();
        if (CommandModel.isSet(verbose)) {
            for (ParsedFile file : result.inputs()) {
                stderr.println("pfxconvert: read '" + file.file() + "' (" + file.encoding() + "): "
                        + file.keys().size() + " private key(s), " + file.certificates().size() + " certificate(s)");
            }
        }
        Summary summary = Summary.of(result, Instant.now());
        for (String warning : summary.warnings()) {
            stderr.println("pfxconvert: warning: " + warning);
        }
        stderr.flush();
        PrintWriter stdout = spec.commandLine().getOut();
        if (CommandModel.isSet(json)) {
            JsonSummary.print(summary, stdout);
        } else {
            summary.printText(stdout);
        }
        return ExitCodes.OK;
    }

    private PfxOptions options() throws PfxkitException {
        Integer iterations = this.iterations.getValue();
        String csp = this.csp.getValue();
        if (iterations != null && (iterations < 1 || iterations > PfxOptions.MAX_ITERATIONS)) {
            throw usage("--iterations must be between 1 and " + PfxOptions.MAX_ITERATIONS + ", not " + iterations);
        }
        if (csp != null && csp.isBlank()) {
            throw usage("--csp needs a provider name, or 'aes' for " + PfxOptions.ENHANCED_RSA_AES_CSP);
        }
        return new PfxOptions(profile.getValue(), iterations == null ? PfxOptions.BY_PASSWORD : iterations,
                name.getValue(), csp == null ? null : PfxOptions.cspName(csp), !CommandModel.isSet(noChain));
    }

    private PasswordSource keyPassword() throws PfxkitException {
        Path keyPasswordFile = this.keyPasswordFile.getValue();
        String keyPasswordEnv = this.keyPasswordEnv.getValue();
        if (keyPasswordFile != null && keyPasswordEnv != null) {
            throw usage("give the key password one way only: --key-password-file or --key-password-env");
        }
        if (keyPasswordFile != null) {
            return PasswordSource.file(keyPasswordFile);
        }
        // The variable is read only when an encrypted key needs it (a plain key never does).
        return keyPasswordEnv == null ? null : PasswordSource.env(keyPasswordEnv, "--key-password-env",
                "--key-password-file FILE", System::getenv);
    }

    private List<Path> files() {
        List<Path> given = files.getValue();
        return given == null ? List.of() : given;
    }

    private PfxkitException usage(String message) {
        return new PfxkitException(Problem.BAD_USAGE, message, "see 'pfxconvert --help'");
    }
}
