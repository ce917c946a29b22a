package org.pfxkit.server;

/** Told of every connection when it closes, failed or not. Runs on an I/O thread: must not block. */
@FunctionalInterface
public interface ConnectionListener {
    void onClosed(ConnectionSummary summary);
}
