package org.pfxkit.loadgen;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The load generator's command line: a mode, then {@code --name value} pairs. Parsed with the JDK alone so the tool
 * depends on Netty and tcnative only; an unknown option or a bad number stops it with a one-line message.
 */
final class Options {
    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args, int from, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = from; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + name + "'; known: --" + String.join(", --", known));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            values.put(name.substring(2), args[i + 1]);
        }
        return new Options(values);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int number(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " wants a whole number >= 0, not '" + value + "'");
        }
    }

    /** {@code host:port}, required. */
    InetSocketAddress address(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " HOST:PORT is required");
        }
        int colon = value.lastIndexOf(':');
        try {
            return new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + name + " wants HOST:PORT, not '" + value + "'");
        }
    }
}
