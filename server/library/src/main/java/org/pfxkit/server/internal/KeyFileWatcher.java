package org.pfxkit.server.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * Watches a few files (a keystore and its .pwd, or a key and a certificate) and runs an action once they have been
 * quiet for a while after a change. The folders are watched, not the files: tools replace a file by writing a
 * temporary one and renaming it over the old (pfxconvert does), which inotify reports on the folder as the new name
 * appearing (ENTRY_CREATE), and a watch on the old file itself would be lost with it. Waiting for quiet means a file
 * still being written, or a key written before its certificate, is never read half done.
 */
public final class KeyFileWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.pfxkit.server");

    private final WatchService service;
    private final Set<Path> names = new HashSet<>();
    private final Duration quiet;
    private final Runnable onChange;
    private final Thread thread;

    /**
     * Starts watching; {@code onChange} runs on the watcher's own thread, one call at a time.
     *
     * @param files  the files whose change matters (their folders are watched)
     * @param quiet  how long no watched file may change before {@code onChange} runs
     */
    public KeyFileWatcher(Set<Path> files, Duration quiet, Runnable onChange) throws PfxkitException {
        this.quiet = quiet;
        this.onChange = onChange;
        Set<Path> folders = new HashSet<>();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            names.add(absolute);
            folders.add(absolute.getParent());
        }
        try {
            service = FileSystems.getDefault().newWatchService();
            for (Path folder : folders) {
                folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        } catch (IOException e) {
            throw new PfxkitException(Problem.ENVIRONMENT, "cannot watch the key files " + names + " for changes: "
                    + e.getMessage(), "check the folders exist and can be read", e);
        }
        thread = Thread.ofPlatform().daemon().name("pfxkit-key-watcher").start(this::run);
    }

    private void run() {
        try {
            while (true) {
                if (!relevant(service.take())) {
                    continue;
                }
                // A change: wait until no watched file has changed for the quiet period, then act once.
                while (true) {
                    WatchKey next = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                    if (next == null) {
                        break;
                    }
                    relevant(next);
                }
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "reloading the key files failed unexpectedly", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // close(): the watcher ends.
        }
    }

    /** Whether the key names a watched file; resets the key either way. */
    private boolean relevant(WatchKey key) {
        boolean hit = false;
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW
                    || event.context() instanceof Path name && names.contains(folder.resolve(name))) {
                hit = true;
            }
        }
        key.reset();
        return hit;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the key file watcher", e);
        }
        thread.interrupt();
    }
}
