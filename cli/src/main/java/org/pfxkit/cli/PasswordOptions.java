package org.pfxkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The store password options every command shares. Never a password on the command line: a file, an environment
 * variable, standard input, an explicit empty password, or (when none is given) a prompt without echo.
 */
public final class PasswordOptions {
    // Names, labels and descriptions once, for the annotations and for the built model (addTo) alike.
    static final String FILE = "--password-file";
    static final String FILE_DESCRIPTION = "Read the password from the first line of FILE (the cert.pwd convention).";
    static final String ENV = "--password-env";
    static final String ENV_DESCRIPTION = "Read the password from environment variable VAR.";
    static final String STDIN = "--password-stdin";
    static final String STDIN_DESCRIPTION = "Read the password from the first line of standard input.";
    static final String NONE = "--no-password";
    static final String NONE_DESCRIPTION = "Use the empty password (the file is then not protected).";

    @Option(names = FILE, paramLabel = "FILE", description = FILE_DESCRIPTION)
    Path passwordFile;

    @Option(names = ENV, paramLabel = "VAR", description = ENV_DESCRIPTION)
    String passwordEnv;

    @Option(names = STDIN, description = STDIN_DESCRIPTION)
    boolean passwordStdin;

    @Option(names = NONE, description = NONE_DESCRIPTION)
    boolean noPassword;

    /** The same options for a {@link ModelledCommand}'s model; {@link #bind} then reads their values. */
    public static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder(FILE).paramLabel("FILE").type(Path.class).description(FILE_DESCRIPTION)
                .build());
        spec.addOption(OptionSpec.builder(ENV).paramLabel("VAR").type(String.class).description(ENV_DESCRIPTION)
                .build());
        spec.addOption(OptionSpec.builder(STDIN).type(boolean.class).initialValue(false).description(STDIN_DESCRIPTION)
                .build());
        spec.addOption(OptionSpec.builder(NONE).type(boolean.class).initialValue(false).description(NONE_DESCRIPTION)
                .build());
    }

    /** Takes the values parsed into a model that {@link #addTo} made. */
    public void bind(CommandSpec spec) {
        passwordFile = spec.findOption(FILE).getValue();
        passwordEnv = spec.findOption(ENV).getValue();
        passwordStdin = spec.findOption(STDIN).getValue();
        noPassword = spec.findOption(NONE).getValue();
    }

    /** True when the user chose a source explicitly. */
    public boolean given() {
        return passwordFile != null || passwordEnv != null || passwordStdin || noPassword;
    }

    /** The source the user chose, or null when none was given. */
    public PasswordSource explicitSource() throws PfxkitException {
        int count = (passwordFile != null ? 1 : 0) + (passwordEnv != null ? 1 : 0) + (passwordStdin ? 1 : 0)
                + (noPassword ? 1 : 0);
        if (count > 1) {
            throw new PfxkitException(Problem.BAD_USAGE,
                    "give the password one way only: --password-file, --password-env, --password-stdin or "
                            + "--no-password", null);
        }
        if (passwordFile != null) {
            return PasswordSource.file(passwordFile);
        }
        if (passwordEnv != null) {
            return PasswordSource.env(passwordEnv);
        }
        if (passwordStdin) {
            return PasswordSource.stream(System.in, "standard input");
        }
        if (noPassword) {
            return PasswordSource.none();
        }
        return null;
    }

    /**
     * For reading a store: the explicit source, else the {@code .pwd} file beside it when there is one, else the given
     * fallback (the empty password for finders, a prompt for tools that must open the store).
     */
    public PasswordSource forStore(Path store, PasswordSource fallback) throws PfxkitException {
        PasswordSource explicit = explicitSource();
        if (explicit != null) {
            return explicit;
        }
        Path beside = PasswordSource.besideStore(store);
        if (Files.isRegularFile(beside)) {
            return PasswordSource.file(beside);
        }
        return fallback;
    }
}
