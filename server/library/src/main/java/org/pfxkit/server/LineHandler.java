package org.pfxkit.server;

/**
 * The application protocol, one line at a time. One instance per connection (from the factory given to the
 * builder); its methods run on the connection's I/O thread, one at a time: they must not block.
 */
public interface LineHandler {
    /** The handshake completed. */
    default void onOpen(Connection connection) {
    }

    /**
     * One line, without its line ending ({@code \n} or {@code \r\n}), decoded as UTF-8. Lines written back end the
     * way the client's last line did.
     */
    void onLine(Connection connection, String line);

    /** The connection closed (either side). */
    default void onClose(Connection connection) {
    }
}
