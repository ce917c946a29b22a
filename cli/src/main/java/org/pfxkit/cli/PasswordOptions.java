package org.pfxkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;

import picocli.CommandLine.Option;

/**
 * The store password options every command shares. Never a password on the command line: a file, an environment
 * variable, standard input, an explicit empty password, or (when none is given) a prompt without echo.
 */
public final class PasswordOptions {
    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE (as in the password file that "
                    + "pfxconvert writes beside a PFX).")
    Path passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Read the password from environment variable VAR.")
    String passwordEnv;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--no-password", description = "Use the empty password, the one a store without a password has.")
    boolean noPassword;

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
