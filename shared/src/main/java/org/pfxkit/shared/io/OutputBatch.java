package org.pfxkit.shared.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
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

    private record Pending(Path target, byte[] content, boolean secret) {
    }

    private final List<Pending> pending = new ArrayList<>();

    /** Adds a file readable by its owner and others (a certificate, a PFX protected by its password). */
    public OutputBatch add(Path target, byte[] content) {
        pending.add(new Pending(target.toAbsolutePath().normalize(), content.clone(), false));
        return this;
    }

    /** Adds a file readable only by its owner (0600): a password file or an unencrypted private key. */
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
        if (!force) {
            for (Pending p : pending) {
                if (Files.exists(p.target())) {
                    throw exists(p.target());
                }
            }
        }
        List<Path> temporaries = new ArrayList<>();
        List<Path> placed = new ArrayList<>();
        try {
            for (Pending p : pending) {
                temporaries.add(writeTemporary(p));
            }
            for (int i = 0; i < pending.size(); i++) {
                Path tmp = temporaries.get(i);
                Path target = pending.get(i).target();
                place(tmp, target, force);
                placed.add(target);
            }
            return targets();
        } catch (PfxkitException e) {
            rollBack(temporaries, placed);
            throw e;
        } catch (IOException | RuntimeException e) {
            rollBack(temporaries, placed);
            throw new PfxkitException(Problem.OUTPUT_FAILED, "cannot write " + describe(pending) + ": " + message(e),
                    "check that the folder exists, is writable and has free space", e);
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

    private static String describe(List<Pending> pending) {
        return pending.stream().map(p -> "'" + p.target() + "'").reduce((a, b) -> a + ", " + b).orElse("(nothing)");
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
