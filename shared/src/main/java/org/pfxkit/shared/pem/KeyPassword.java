package org.pfxkit.shared.pem;

import java.util.Arrays;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;

/**
 * The passphrase of the encrypted keys in one file: read from its source only when an encrypted key is met, at most
 * once per file, and zeroed when the file is done.
 */
final class KeyPassword implements AutoCloseable {
    private final PasswordSource source;
    private char[] password;

    KeyPassword(PasswordSource source) {
        this.source = source;
    }

    char[] get(Origin origin) throws PfxkitException {
        if (source == null) {
            throw new PfxkitException(Problem.PASSWORD_REQUIRED, "private key in " + origin.where()
                    + " is encrypted and no password was given",
                    "add --key-password-file FILE (a file whose first line is the key's passphrase)");
        }
        if (password == null) {
            password = source.read();
        }
        return password;
    }

    /** The wrong-password error for the key at {@code origin}; called only after {@link #get} gave a password. */
    PfxkitException wrong(Origin origin, Throwable cause) {
        return new PfxkitException(Problem.BAD_PASSWORD, "cannot decrypt the private key in " + origin.where()
                + " with the password from " + source.describe() + ": the password is wrong (or the key is damaged)",
                "give the passphrase the key was encrypted with; openssl pkey -in " + origin.file()
                        + " -noout asks for it and tells whether it is right", cause);
    }

    @Override
    public void close() {
        if (password != null) {
            Arrays.fill(password, '\0');
            password = null;
        }
    }
}
