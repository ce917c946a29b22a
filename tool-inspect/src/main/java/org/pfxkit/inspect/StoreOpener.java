package org.pfxkit.inspect;

import java.nio.file.Files;
import java.nio.file.Path;

import org.pfxkit.cli.PasswordOptions;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.store.Keystore;

/**
 * Opens the store the way a finder should: the password the user gave, else the {@code .pwd} file beside the store
 * (the cert.pfx + cert.pwd convention), else the empty password, and only then, when that fails and a terminal
 * exists, a prompt without echo.
 */
final class StoreOpener {
    private StoreOpener() {
    }

    static Keystore open(Path store, PasswordOptions password) throws PfxkitException {
        if (!Files.exists(store)) {
            throw new PfxkitException(Problem.FILE_NOT_FOUND, "store '" + store + "' does not exist",
                    "check the path; certfind reads PKCS#12/PFX, JKS, PEM bundles and DER certificates");
        }
        if (!Files.isRegularFile(store) || !Files.isReadable(store)) {
            throw new PfxkitException(Problem.BAD_STORE, "cannot read store '" + store + "': not a readable file",
                    "give a keystore file that your user can read");
        }
        PasswordSource source = password.forStore(store, PasswordSource.none());
        try {
            return Keystore.open(store, source);
        } catch (PfxkitException e) {
            boolean passwordProblem = e.problem() == Problem.BAD_PASSWORD || e.problem() == Problem.PASSWORD_REQUIRED;
            if (!passwordProblem || !source.isEmptyPassword()) {
                throw e;
            }
            if (System.console() != null) {
                return Keystore.open(store, PasswordSource.prompt("Password for " + store.getFileName() + ": "));
            }
            throw e.withHint("the empty password did not open it and there is no "
                    + PasswordSource.besideStore(store).getFileName() + " beside it: give the password with "
                    + "--password-file FILE or --password-env VAR");
        }
    }
}
