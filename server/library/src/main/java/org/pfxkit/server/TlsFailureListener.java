package org.pfxkit.server;

/**
 * Receives the failures of one server's connections. It runs on an I/O thread: it must not block. If it throws, the
 * server logs a warning and goes on serving.
 */
@FunctionalInterface
public interface TlsFailureListener {
    void onFailure(FailureEvent event);
}
