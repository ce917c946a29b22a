package org.pfxkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The store password options every command shares. Never a password on the command line: a file, an environment
 * variable, standard input, an explicit empty password, or (when none is given) a prompt without echo.
 */
public final class PasswordOptions {
    private final OptionSpec passwordFile = CommandModel.option("--password-file", "FILE", Path.class,
            "Read the password from the first line of FILE (as in the password file that pfxconvert writes beside "
                    + "a PFX).").build();
    private final OptionSpec passwordEnv = CommandModel.option("--password-env", "VAR", String.class,
            "Read the password from environment variable VAR.").build();
    private final OptionSpec passwordStdin = CommandModel.flag("--password-stdin",
            "Read the password from the first line of standard input.");
    private final OptionSpec noPassword = CommandModel.flag("--no-password",
            "Use the empty password, the one a store without a password has.");

    /** Adds the four options to a command's model, in the order --help lists them; returns spec. */
    public CommandSpec addTo(CommandSpec spec) {
        return spec.addOption(passwordFile).addOption(passwordEnv).addOption(passwordStdin).addOption(noPassword);
    }

    /** True when the user chose a source explicitly. */
    public boolean given() {
        return file() != null || env() != null || CommandModel.isSet(passwordStdin) || CommandModel.isSet(noPassword);
    }

    /** The source the user chose, or null when none was given. */
    public PasswordSource explicitSource() throws PfxkitException {
        Path file = file();
        String env = env();
        boolean stdin = CommandModel.isSet(passwordStdin);
        boolean none = CommandModel.isSet(noPassword);
        int count = (file != null ? 1 : 0) + (env != null ? 1 : 0) + (stdin ? 1 : 0) + (none ? 1 : 0);
        if (count > 1) {
            throw new PfxkitException(Problem.BAD_USAGE,
                    "give the password one way only: --password-file, --password-env, --password-stdin or "
                            + "--no-password", null);
        }
        if (file != null) {
            return PasswordSource.file(file);
        }
        if (env != null) {
            return PasswordSource.env(env);
        }
        if (stdin) {
            return PasswordSource.stream(System.in, "standard input");
        }
        if (none) {
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

    private Path file() {
        return passwordFile.getValue();
    }

    private String env() {
        return passwordEnv.getValue();
    }
}
