package org.pfxkit.shared.secret;

import java.nio.file.Path;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * A store opened when the user gave no password: the empty password first (many exported stores have one, and the
 * finders must not stop to ask for it), then, when that is refused, a prompt on the terminal; without a terminal the
 * one {@link PfxkitException#passwordRequired} failure, never a wrong-password error for a password nobody gave.
 */
public final class ImplicitStorePassword {

    /** Opens a store with a given password source. */
    @FunctionalInterface
    public interface Opener<T> {
        T open(PasswordSource password) throws PfxkitException;
    }

    private ImplicitStorePassword() {
    }

    /**
     * Opens {@code store} with {@code given}; when {@code given} is null (no password option and no {@code .pwd}
     * beside the store), with the empty password, then a prompt.
     */
    public static <T> T open(Path store, PasswordSource given, Opener<T> opener) throws PfxkitException {
        if (given != null) {
            return opener.open(given);
        }
        try {
            return opener.open(PasswordSource.none());
        } catch (PfxkitException e) {
            if (e.problem() != Problem.BAD_PASSWORD && e.problem() != Problem.PASSWORD_REQUIRED) {
                throw e;
            }
        }
        return opener.open(PasswordSource.prompt("Password for " + store.getFileName() + ": ",
                "store '" + store + "'", PasswordSource.STORE_PASSWORD_OPTIONS + ", or put it in '"
                        + PasswordSource.besideStore(store).getFileName() + "' beside the store (the empty password "
                        + "does not open it)"));
    }
}
