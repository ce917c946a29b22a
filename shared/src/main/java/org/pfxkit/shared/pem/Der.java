package org.pfxkit.shared.pem;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal DER reader and writer (ITU-T X.690), enough to recognise and re-wrap keys and certificates without
 * loading an ASN.1 library: the start-up budget of pfxconvert leaves no room for one on the common path. Only
 * definite lengths and single-byte tags occur in the structures read here.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    static final int CONTEXT_0 = 0xA0;
    static final int CONTEXT_1 = 0xA1;

    private Der() {
    }

    /** Malformed DER; {@code truncated} when a length runs past the end of the data. */
    static final class DerException extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean truncated;

        DerException(String message, boolean truncated) {
            super(message, null, false, false);
            this.truncated = truncated;
        }
    }

    /** One tag-length-value element inside {@code data}: its header starts at {@code from}, content at {@code start}. */
    record Tlv(int tag, byte[] data, int from, int start, int end) {
        boolean is(int expectedTag) {
            return tag == expectedTag;
        }

        int length() {
            return end - start;
        }

        byte[] content() {
            return Arrays.copyOfRange(data, start, end);
        }

        /** The whole element, header included. */
        byte[] encoded() {
            return Arrays.copyOfRange(data, from, end);
        }

        /** The elements inside a constructed value (SEQUENCE, SET, [n]). */
        List<Tlv> children() throws DerException {
            return readAll(data, start, end);
        }

        BigInteger integer() throws DerException {
            if (tag != INTEGER || length() == 0) {
                throw new DerException("expected an INTEGER", false);
            }
            return new BigInteger(content());
        }

        /** A small non-negative INTEGER (versions, iteration counts); -1 when it does not fit an int. */
        int smallInt() throws DerException {
            BigInteger value = integer();
            return value.signum() >= 0 && value.bitLength() < 32 ? value.intValue() : -1;
        }

        /** The dotted form of an OBJECT IDENTIFIER, e.g. "1.2.840.113549.1.1.1". */
        String oid() throws DerException {
            if (tag != OID || length() == 0) {
                throw new DerException("expected an OBJECT IDENTIFIER", false);
            }
            StringBuilder text = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = start; i < end; i++) {
                int b = data[i] & 0xff;
                if (value > (Long.MAX_VALUE >> 7)) {
                    throw new DerException("OBJECT IDENTIFIER component too large", false);
                }
                value = (value << 7) | (b & 0x7f);
                if ((b & 0x80) == 0) {
                    if (first) {
                        long top = Math.min(value / 40, 2);
                        text.append(top).append('.').append(value - top * 40);
                        first = false;
                    } else {
                        text.append('.').append(value);
                    }
                    value = 0;
                } else if (i == end - 1) {
                    throw new DerException("OBJECT IDENTIFIER ends inside a component", false);
                }
            }
            return text.toString();
        }
    }

    /** The element at {@code offset}; its content must end at or before {@code limit}. */
    static Tlv read(byte[] data, int offset, int limit) throws DerException {
        if (offset >= limit) {
            throw new DerException("data ends where an element should start", true);
        }
        int tag = data[offset] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new DerException("multi-byte tag 0x" + Integer.toHexString(tag), false);
        }
        int pos = offset + 1;
        if (pos >= limit) {
            throw new DerException("data ends inside an element header", true);
        }
        int first = data[pos++] & 0xff;
        long length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            throw new DerException("indefinite length (BER, not DER)", false);
        } else {
            int count = first & 0x7f;
            if (count > 4) {
                throw new DerException("length of " + count + " bytes", false);
            }
            if (pos + count > limit) {
                throw new DerException("data ends inside a length", true);
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (data[pos++] & 0xff);
            }
        }
        if (length > limit - pos) {
            throw new DerException("an element announces " + length + " bytes but only " + (limit - pos)
                    + " remain", true);
        }
        return new Tlv(tag, data, offset, pos, pos + (int) length);
    }

    static Tlv read(byte[] data) throws DerException {
        return read(data, 0, data.length);
    }

    static List<Tlv> readAll(byte[] data, int from, int to) throws DerException {
        List<Tlv> items = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            Tlv item = read(data, pos, to);
            items.add(item);
            pos = item.end();
        }
        return items;
    }

    /** The children of a SEQUENCE, checking the tag and that there are at least {@code min} of them. */
    static List<Tlv> sequence(Tlv tlv, int min) throws DerException {
        if (!tlv.is(SEQUENCE)) {
            throw new DerException("expected a SEQUENCE", false);
        }
        List<Tlv> children = tlv.children();
        if (children.size() < min) {
            throw new DerException("a SEQUENCE holds " + children.size() + " elements, expected " + min, false);
        }
        return children;
    }

    /** Encodes one element with the given tag around the concatenated parts. */
    static byte[] encode(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1000000 ? 3 : 4;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    /** The DER of an OBJECT IDENTIFIER given in dotted form. */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Long.parseLong(parts[i]);
        }
        writeBase128(body, values[0] * 40 + values[1]);
        for (int i = 2; i < values.length; i++) {
            writeBase128(body, values[i]);
        }
        return encode(OID, body.toByteArray());
    }

    static byte[] smallInteger(int value) {
        return encode(INTEGER, BigInteger.valueOf(value).toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int b = (int) ((value >>> (7 * i)) & 0x7f);
            out.write(i == 0 ? b : b | 0x80);
        }
    }
}
