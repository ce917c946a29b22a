package org.pfxkit.shared.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
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

    private record Pending(Path target, byte[] content, boolean secret) {
    }

    private final List<Pending> pending = new ArrayList<>();

    /**
     * Adds a file readable by its owner and others: a certificate, nothing that holds a private key. A PFX holds one
     * even when password-protected (and with the empty password it is the key), so it goes through
     * {@link #addSecret}.
     */
    public OutputBatch add(Path target, byte[] content) {
        pending.add(new Pending(target.toAbsolutePath().normalize(), content.clone(), false));
        return this;
    }

    /** Adds a file readable only by its owner (0600): a password file, a private key, a PFX. */
    public OutputBatch addSecret(Path target, byte[] content) {
        pending.add(new Pending(target.toAbsolutePath().normalize(), content.clone(), true));
        return this;
    }

    /** The targets in the order they were added. */
    public List<Path> targets() {
        return pending.stream().map(Pending::target).toList();
    }

    /**
     * Checks every target first, then writes and renames. Throws {@link Problem#OUTPUT_EXISTS} before writing anything
     * when a target exists and {@code force} is false.
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
        List<Path> temporaries = new ArrayList<>();
        List<Path> placed = new ArrayList<>();
        Path current = null;
        try {
            for (Pending p : pending) {
                current = p.target();
                temporaries.add(writeTemporary(p));
            }
            for (int i = 0; i < pending.size(); i++) {
                Path tmp = temporaries.get(i);
                current = pending.get(i).target();
                place(tmp, current, force);
                placed.add(current);
            }
            return targets();
        } catch (PfxkitException e) {
            rollBack(temporaries, placed);
            throw e;
        } catch (IOException | RuntimeException e) {
            rollBack(temporaries, placed);
            throw failed(current, e);
        } finally {
            for (Pending p : pending) {
                Arrays.fill(p.content(), (byte) 0);
            }
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
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(p.content());
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        if (!p.secret()) {
            setPermissions(tmp, WORLD_READABLE);
        } else {
            setPermissions(tmp, OWNER_ONLY);
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

    private static void rollBack(List<Path> temporaries, List<Path> placed) {
        for (Path tmp : temporaries) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the file is a hidden .tmp beside the target
            }
        }
        for (Path target : placed) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(file, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the folder's ACL applies.
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
