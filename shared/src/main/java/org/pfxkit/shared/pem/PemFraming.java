package org.pfxkit.shared.pem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * Splits PEM text into its blocks (RFC 7468 framing, plus the RFC 1421 headers of OpenSSL's legacy encryption). Text
 * outside the blocks is ignored: dumpasn1 listings, openssl's "Bag Attributes" and "subject=" lines, comments. Lines
 * may end in LF or CRLF.
 */
final class PemFraming {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final Pattern NOT_BASE64 = Pattern.compile("[^A-Za-z0-9+/= \t]");

    /** One block: its label ("RSA PRIVATE KEY"), RFC 1421 headers, decoded content and place. */
    record Block(String label, Map<String, String> headers, byte[] der, Origin origin) {
    }

    private PemFraming() {
    }

    /** The blocks of {@code text}; none when it has no BEGIN line (then it is not meant to be PEM). */
    static List<Block> split(String text, Path file) throws PfxkitException {
        if (!text.contains(BEGIN)) {
            return List.of(); // binary DER: not worth splitting into lines
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf(BEGIN);
            if (at < 0) {
                continue;
            }
            Origin origin = new Origin(file, blocks.size() + 1, i + 1);
            String label = label(lines[i].substring(at + BEGIN.length()), origin, "BEGIN");
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder base64 = new StringBuilder();
            String body;
            while (++i < lines.length && !(body = lines[i].strip()).startsWith(END) && !body.startsWith(BEGIN)) {
                int colon = body.indexOf(':');
                if (colon > 0 && base64.isEmpty()) {
                    headers.put(body.substring(0, colon).strip(), body.substring(colon + 1).strip());
                    continue;
                }
                Matcher bad = NOT_BASE64.matcher(body);
                if (bad.find()) {
                    throw new PfxkitException(Problem.BAD_PEM, "PEM " + origin.where() + " has a character that is "
                            + "not base64 on line " + (i + 1) + " (column " + (bad.start() + 1) + ")",
                            "the block was damaged (edited, or pasted with extra text); export it again");
                }
                base64.append(body);
            }
            if (i == lines.length || !lines[i].strip().startsWith(END)) {
                throw new PfxkitException(Problem.TRUNCATED, "PEM " + origin.where() + " '" + label
                        + "' has no '-----END " + label + "-----' line: the file was cut short",
                        "copy the whole block, from its -----BEGIN line through its -----END line");
            }
            String endLabel = label(lines[i].strip().substring(END.length()), origin, "END");
            if (!endLabel.equals(label)) {
                throw new PfxkitException(Problem.BAD_PEM, "PEM " + origin.where() + " begins with '" + label
                        + "' but line " + (i + 1) + " ends '" + endLabel + "'", "each -----BEGIN X----- needs its "
                        + "own -----END X-----; the file may be two blocks pasted together");
            }
            blocks.add(new Block(label, headers, decode(base64, origin), origin));
        }
        return blocks;
    }

    private static String label(String rest, Origin origin, String kind) throws PfxkitException {
        int close = rest.indexOf(DASHES);
        if (close < 0) {
            throw new PfxkitException(Problem.BAD_PEM, "PEM " + origin.where() + ": the " + kind
                    + " line does not end with '-----'", "restore the line as '-----" + kind + " LABEL-----'");
        }
        return rest.substring(0, close).strip();
    }

    private static byte[] decode(StringBuilder base64, Origin origin) throws PfxkitException {
        String compact = base64.toString().replace(" ", "").replace("\t", "");
        // RFC 7468 section 3 requires padded base64, so a length that is not a multiple of 4 means a character was
        // lost or added; the JDK decoder would accept it unpadded and the damage would surface later as a cut DER.
        if (compact.length() % 4 != 0) {
            throw new PfxkitException(Problem.BAD_PEM, "PEM " + origin.where() + " is not valid base64 (its "
                    + compact.length() + " characters are not a multiple of 4: one was lost or added)",
                    "the block was damaged or cut (lines missing?); export it again");
        }
        try {
            byte[] der = Base64.getDecoder().decode(compact);
            if (der.length == 0) {
                throw new PfxkitException(Problem.BAD_PEM, "PEM " + origin.where() + " is empty",
                        "the block holds no data between its BEGIN and END lines; export it again");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new PfxkitException(Problem.BAD_PEM, "PEM " + origin.where() + " is not valid base64 ("
                    + e.getMessage() + ")", "the block was damaged or cut (lines missing?); export it again", e);
        }
    }
}
