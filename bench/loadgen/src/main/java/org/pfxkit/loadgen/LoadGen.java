package org.pfxkit.loadgen;

import java.io.PrintStream;
import java.util.Set;

/**
 * The load generator of bench/server/run.
 * <pre>
 * handshakes --connect HOST:PORT [--concurrency 8] [--threads CORES] [--warmup 5] [--runs 3] [--seconds 10]
 *            [--server-pids PID,PID] [--request 'GET / HTTP/1.0\r\n\r\n'] [--group X25519|X25519MLKEM768]
 * hold       --connect HOST:PORT [--connections 10000] [--in-flight 100] [--sources 4] [--hold-seconds 120]
 * </pre>
 * Exit codes: 0 done, 2 bad usage, 70 an unexpected error.
 */
public final class LoadGen {
    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: pfxkit-loadgen handshakes --connect HOST:PORT [--concurrency 8] [--threads N] [--warmup 5]",
            "                      [--runs 3] [--seconds 10] [--server-pids PID,PID] [--request LINE]",
            "                      [--group X25519|X25519MLKEM768]",
            "       pfxkit-loadgen hold --connect HOST:PORT [--connections 10000] [--in-flight 100] [--sources 4]",
            "                      [--threads N] [--hold-seconds 120]");

    private LoadGen() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        try {
            int cores = Runtime.getRuntime().availableProcessors();
            switch (args[0]) {
                case "handshakes": {
                    Options o = Options.parse(args, 1, Set.of("connect", "concurrency", "threads", "warmup", "runs",
                            "seconds", "server-pids", "request", "group"));
                    out.println(ClientTls.describe());
                    // The default request is what `openssl s_time -www /` sends, so every server gives the same reply.
                    String request = o.text("request", "GET / HTTP/1.0\r\n\r\n");
                    new HandshakeLoad(o.address("connect"), ClientTls.context(o.text("group", "X25519")), request)
                            .run(o.number("threads", cores), o.number("concurrency", 8), o.number("warmup", 5),
                                    o.number("runs", 3), o.number("seconds", 10),
                                    new ServerCpu(o.text("server-pids", "")), out);
                    return 0;
                }
                case "hold": {
                    Options o = Options.parse(args, 1, Set.of("connect", "connections", "in-flight", "sources",
                            "threads", "hold-seconds"));
                    out.println(ClientTls.describe());
                    new IdleConnections(o.address("connect"), ClientTls.context())
                            .run(o.number("threads", cores), o.number("connections", 10_000),
                                    Math.max(1, o.number("in-flight", 100)), o.number("sources", 4),
                                    o.number("hold-seconds", 120), out);
                    return 0;
                }
                default:
                    err.println("pfxkit-loadgen: unknown mode '" + args[0] + "'");
                    err.println(USAGE);
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            err.println("pfxkit-loadgen: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 70;
        } catch (Exception e) {
            err.println("pfxkit-loadgen: " + e.getMessage());
            return 70;
        }
    }
}
