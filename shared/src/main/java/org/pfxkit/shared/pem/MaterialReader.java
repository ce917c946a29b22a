package org.pfxkit.shared.pem;

import java.nio.file.Path;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;

/**
 * Reads private keys and certificates from PEM or DER files, recognised by content, never by name.
 */
public final class MaterialReader {
    private MaterialReader() {
    }

    /**
     * Reads one file. {@code keyPassword} is read only when an encrypted key is met (may be null: then an encrypted key
     * is a {@link Problem#PASSWORD_REQUIRED} error).
     */
    public static ParsedFile read(Path file, PasswordSource keyPassword) throws PfxkitException {
        throw new PfxkitException(Problem.INTERNAL, "PEM reading is being written", null);
    }
}
