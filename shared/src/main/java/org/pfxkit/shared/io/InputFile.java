package org.pfxkit.shared.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/** Reads a file the user named as input, with one message for each way that fails. */
public final class InputFile {
    private InputFile() {
    }

    /**
     * The whole content of {@code file}; a file larger than {@code maxSize} is refused, with {@code tooLarge}, before
     * it is read.
     *
     * @param kind what the file should be, for messages, e.g. {@code "keystore"}
     * @param hint what to name instead of a folder or a file too large, e.g. {@code "give the PFX file itself"}
     */
    public static byte[] read(Path file, String kind, long maxSize, Problem tooLarge, String hint)
            throws PfxkitException {
        try {
            if (Files.isDirectory(file)) {
                throw new PfxkitException(Problem.BAD_USAGE, "'" + file + "' is a folder, not a " + kind, hint);
            }
            long size = Files.size(file);
            if (size > maxSize) {
                throw new PfxkitException(tooLarge, "'" + file + "' is " + size + " bytes, too large for a " + kind
                        + " (at most " + maxSize + ")", hint);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PfxkitException(Problem.FILE_NOT_FOUND, kind + " '" + file + "' does not exist",
                    "check the path and the current folder");
        } catch (AccessDeniedException e) {
            throw new PfxkitException(Problem.ENVIRONMENT, "cannot read " + kind + " '" + file
                    + "': permission denied", "check the file's permissions (a key file is often readable by its "
                    + "owner only: try sudo)");
        } catch (IOException e) {
            throw new PfxkitException(Problem.ENVIRONMENT, "cannot read " + kind + " '" + file + "': "
                    + e.getMessage(), "check that the file is readable", e);
        }
    }
}
