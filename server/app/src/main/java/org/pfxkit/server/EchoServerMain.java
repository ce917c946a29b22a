package org.pfxkit.server;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The echo server's {@code main}. SIGINT and SIGTERM start a graceful shutdown and the process exits 0 (a JVM
 * shutdown hook would exit 130/143 and could not let connections finish first). SIGHUP reads the key material again.
 */
public final class EchoServerMain {
    private EchoServerMain() {
    }

    /** OpenSSL's largest ClientHello, the bound the toolkit's hello parser already reads and checks (RFC 8446 4.1.2). */
    private static final String LARGEST_HELLO = "131396";

    public static void main(String[] args) {
        // JSSE refuses any handshake message above 32 KiB (jdk.tls.maxHandshakeMessageSize, read once when JSSE
        // starts), so the JDK engine failed hellos that OpenSSL takes: many key shares or cipher suites, large
        // padding (tlsfuzzer test-large-hello.py). The toolkit reads and bounds every hello before an engine sees it,
        // so the app raises JSSE's bound to the same size, unless the user set it. The app, not the library: an
        // embedding program owns its JVM's properties.
        if (System.getProperty("jdk.tls.maxHandshakeMessageSize") == null) {
            System.setProperty("jdk.tls.maxHandshakeMessageSize", LARGEST_HELLO);
        }
        EchoServerCommand command = new EchoServerCommand();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> command.stop());
        }
        // SIGHUP reloads the certificate, as nginx -s reload does; the handler runs on a JDK signal thread. Started
        // with SIGHUP ignored (nohup), HotSpot leaves it ignored and installs nothing: say so, or kill -HUP would do
        // nothing without a word.
        if (Signal.handle(new Signal("HUP"), signal -> command.reload("SIGHUP")) == SignalHandler.SIG_IGN) {
            command.sighupIgnored();
        }
        System.exit(EchoServerCommand.commandLine(command).execute(args));
    }
}
