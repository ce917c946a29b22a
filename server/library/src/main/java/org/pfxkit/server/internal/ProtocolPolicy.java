package org.pfxkit.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * Which TLS versions may be offered: 1.3 and 1.2. SSLv3 (RFC 7568), TLS 1.0 and TLS 1.1 (RFC 8996) are deprecated as
 * broken; asking for them is refused at start-up with the reason, never silently dropped (the TWAPI recipe's
 * {@code -protocols {ssl3 tls1.1 tls1.2}} is the request this answers).
 */
public final class ProtocolPolicy {
    public static final List<String> DEFAULT = List.of("TLSv1.3", "TLSv1.2");

    private ProtocolPolicy() {
    }

    /** JDK/Netty protocol names for what the user wrote (tls1.2, TLSv1.2, 1.2...), best first; refuses the old ones. */
    public static List<String> resolve(List<String> requested) throws PfxkitException {
        if (requested == null || requested.isEmpty()) {
            return DEFAULT;
        }
        List<String> accepted = new ArrayList<>();
        List<String> insecure = new ArrayList<>();
        for (String raw : requested) {
            for (String word : raw.split("[,\\s{}]+")) {
                if (word.isEmpty()) {
                    continue;
                }
                String name = canonical(word);
                if (name == null) {
                    throw new PfxkitException(Problem.BAD_USAGE, "unknown TLS protocol '" + word + "'",
                            "use tls1.3 and/or tls1.2");
                }
                if (DEFAULT.contains(name)) {
                    if (!accepted.contains(name)) {
                        accepted.add(name);
                    }
                } else if (!insecure.contains(name)) {
                    insecure.add(name);
                }
            }
        }
        if (!insecure.isEmpty()) {
            throw new PfxkitException(Problem.INSECURE_PROTOCOL, "refusing to offer " + String.join(" and ", insecure)
                    + ": SSLv3 (RFC 7568), TLS 1.0 and TLS 1.1 (RFC 8996) are deprecated as broken, and current "
                    + "clients refuse them too",
                    "offer tls1.2 and tls1.3 (the default: leave the option out); a client that cannot speak TLS 1.2 "
                            + "needs an update, not a weaker server");
        }
        if (accepted.isEmpty()) {
            throw new PfxkitException(Problem.BAD_USAGE, "no TLS protocol given", "use tls1.3 and/or tls1.2");
        }
        accepted.sort((a, b) -> DEFAULT.indexOf(a) - DEFAULT.indexOf(b));
        return List.copyOf(accepted);
    }

    private static String canonical(String word) {
        String w = word.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace("v", "");
        return switch (w) {
            case "tls1.3", "1.3", "tls13" -> "TLSv1.3";
            case "tls1.2", "1.2", "tls12" -> "TLSv1.2";
            case "tls1.1", "1.1", "tls11" -> "TLSv1.1";
            case "tls1", "tls1.0", "1.0", "tls10" -> "TLSv1";
            case "ssl3", "ssl3.0", "ssl30" -> "SSLv3";
            case "ssl2", "ssl2.0", "ssl20" -> "SSLv2";
            default -> null;
        };
    }
}
