package org.pfxkit.inspect;

import java.nio.file.Files;
import java.nio.file.Path;

import org.pfxkit.cli.PasswordOptions;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.ImplicitStorePassword;
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
        return ImplicitStorePassword.open(store, password.forStore(store, null), source -> Keystore.open(store, source));
    }
}
