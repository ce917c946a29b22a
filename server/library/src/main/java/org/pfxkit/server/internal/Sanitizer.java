package org.pfxkit.server.internal;

/**
 * Makes a peer-supplied string (SNI host name, ALPN protocol) safe for a log line: printable ASCII only, anything else
 * shown as '?', and bounded in length so a hostile client cannot flood or forge log lines.
 */
public final class Sanitizer {
    /** The longest DNS name (RFC 1035 section 2.3.4); longer values are cut and marked. */
    public static final int MAX_LENGTH = 253;

    private Sanitizer() {
    }

    public static String printable(CharSequence value) {
        if (value == null) {
            return null;
        }
        int length = Math.min(value.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (value.length() > MAX_LENGTH) {
            out.append("...");
        }
        return out.toString();
    }
}
