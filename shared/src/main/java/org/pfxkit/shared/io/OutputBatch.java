package org.pfxkit.shared.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * Writes several output files as one step: each is first written to a temporary file in its target folder, then all
 * are renamed into place. An existing target is kept unless {@code force}; when anything fails, nothing is left
 * behind: temporary files are deleted and targets already renamed into place are removed again.
 */
public final class OutputBatch {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    /** How the JDK words ENOSPC and EDQUOT in a {@link FileSystemException#getReason()}: the free-space hint's cue. */
    private static final List<String> OUT_OF_SPACE = List.of("No space left", "quota exceeded", "Disk quota");

    private record Pending(Path target, byte[] content, Set<PosixFilePermission> permissions) {
    }

    private final List<Pending> pending = new ArrayList<>();

    /**
     * Adds a file readable by its owner and others: a certificate, nothing that holds a private key. A PFX holds one
     * even when password-protected (and with the empty password it is the key), so it goes through
     * {@link #addSecret}.
     */
    public OutputBatch add(Path target, byte[] content) {
        return add(target, content, WORLD_READABLE);
    }

    /** Adds a file readable only by its owner (0600): a password file, a private key, a PFX. */
    public OutputBatch addSecret(Path target, byte[] content) {
        return add(target, content, OWNER_ONLY);
    }

    private OutputBatch add(Path target, byte[] content, Set<PosixFilePermission> permissions) {
        pending.add(new Pending(target.toAbsolutePath().normalize(), content.clone(), permissions));
        return this;
    }

    /**
     * Checks every target first, then writes and renames. Throws {@link Problem#OUTPUT_EXISTS} before writing anything
     * when a target exists and {@code force} is false.
     *
     * @return the targets in the order they were added
     */
    public List<Path> commit(boolean force) throws PfxkitException {
        for (Pending p : pending) {
            // --force replaces a file, never a folder: say so before the rename fails with EISDIR.
            if (Files.isDirectory(p.target())) {
                throw new PfxkitException(Problem.OUTPUT_FAILED, "cannot write '" + p.target() + "': a folder of "
                        + "that name is in the way; nothing was written",
                        "remove or rename the folder, or choose another name with --out");
            }
            if (!force && Files.exists(p.target(), LinkOption.NOFOLLOW_LINKS)) {
                throw exists(p.target());
            }
        }
        // The temporaries, then each target once placed: what a rollback deletes.
        List<Path> created = new ArrayList<>();
        Path current = null;
        try {
            for (Pending p : pending) {
                current = p.target();
                created.add(writeTemporary(p));
            }
            for (int i = 0; i < pending.size(); i++) {
                current = pending.get(i).target();
                place(created.get(i), current, force);
                created.add(current);
            }
            return pending.stream().map(Pending::target).toList();
        } catch (PfxkitException | IOException | RuntimeException e) {
            rollBack(created);
            throw e instanceof PfxkitException ours ? ours : failed(current, e);
        } finally {
            pending.forEach(p -> Arrays.fill(p.content(), (byte) 0));
        }
    }

    private static Path writeTemporary(Pending p) throws IOException, PfxkitException {
        Path folder = p.target().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new PfxkitException(Problem.OUTPUT_FAILED, "cannot write '" + p.target() + "': folder '" + folder
                    + "' does not exist", "create the folder first, or choose another --out");
        }
        // createTempFile makes the file 0600 on POSIX, so a secret is never readable by others, not even briefly.
        Path tmp = Files.createTempFile(folder, "." + p.target().getFileName() + ".", ".tmp");
        // SYNC: the content is on disk before the rename makes it the target, so a crash leaves no empty output.
        Files.write(tmp, p.content(), StandardOpenOption.SYNC);
        // Set, not left to the umask: a certificate is 0644 and a secret 0600 whatever it is.
        try {
            Files.setPosixFilePermissions(tmp, p.permissions());
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the folder's ACL applies.
        }
        return tmp;
    }

    private static void place(Path tmp, Path target, boolean force) throws IOException, PfxkitException {
        if (force) {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        // Without --force a file that appeared since the check must still survive: link() fails if it exists,
        // where rename(2) would silently replace it.
        try {
            Files.createLink(target, tmp);
            Files.delete(tmp);
        } catch (FileAlreadyExistsException e) {
            throw exists(target);
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(target)) {
                throw exists(target);
            }
            Files.move(tmp, target);
        }
    }

    private static void rollBack(List<Path> created) {
        for (Path file : created) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort: a temporary is a hidden .tmp beside its target
            }
        }
    }

    private static PfxkitException exists(Path target) {
        return new PfxkitException(Problem.OUTPUT_EXISTS, "output '" + target + "' already exists; nothing was written",
                "add --force to replace it, or choose another name with --out");
    }

    /**
     * The target and the reason, never only the temporary file's path: a {@link FileSystemException}'s message is its
     * path, and its reason (strerror) is null for EACCES, which the JDK reports as {@link AccessDeniedException}.
     */
    private static PfxkitException failed(Path target, Exception e) {
        Path folder = target == null ? null : target.getParent();
        String reason;
        String hint;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied in folder '" + folder + "'";
            hint = "choose a folder you can write to with --out, or change the folder's permissions";
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            reason = fs.getReason();
            hint = OUT_OF_SPACE.stream().anyMatch(reason::contains) ? "free some space in '" + folder
                    + "', or choose another folder with --out" : "check the folder '" + folder + "'";
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            hint = "check that the folder '" + folder + "' is writable and has free space";
        }
        return new PfxkitException(Problem.OUTPUT_FAILED, "cannot write '" + target + "': " + reason
                + "; nothing was written", hint, e);
    }
}
