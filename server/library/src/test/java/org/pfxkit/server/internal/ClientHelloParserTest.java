package org.pfxkit.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;

/** The ClientHello parser on real hellos, cut ones, hostile ones and plaintext. */
class ClientHelloParserTest {
    private static ClientHello classify(byte[] bytes) {
        return ClientHelloParser.classify(Unpooled.wrappedBuffer(bytes));
    }

    @Test
    void aJdkHelloYieldsItsSniNameVersionsAndAlpn() throws Exception {
        ClientHello hello = classify(HelloBytes.jdkClientHello(null, "www.example.com", "h2", "http/1.1"));
        assertEquals(ClientHello.Kind.TLS_HELLO, hello.kind());
        assertEquals("www.example.com", hello.sniName());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), hello.offeredVersions());
        assertEquals(List.of("h2", "http/1.1"), hello.offeredAlpn());
        // JDK 25's default groups, in its order: x25519, secp256r1, secp384r1, secp521r1, x448, then ffdhe2048...
        assertEquals(List.of(0x001d, 0x0017, 0x0018), hello.supportedGroups().subList(0, 3));
    }

    @Test
    void everyPrefixOfAHelloAsksForMoreBytes() throws Exception {
        byte[] hello = HelloBytes.jdkClientHello(null, "localhost");
        for (int n = 0; n < hello.length; n++) {
            assertNull(classify(Arrays.copyOf(hello, n)), "prefix of " + n + " bytes");
        }
        assertNotNull(classify(hello));
    }

    @Test
    void theParserDoesNotConsumeTheBytes() throws Exception {
        var buf = Unpooled.wrappedBuffer(HelloBytes.jdkClientHello(null, "localhost"));
        int before = buf.readerIndex();
        ClientHelloParser.classify(buf);
        assertEquals(before, buf.readerIndex());
    }

    @Test
    void aHostileSniNameIsSanitisedAndBounded() {
        byte[] name = new byte[300];
        Arrays.fill(name, (byte) 'a');
        name[3] = '\n';
        name[4] = (byte) 0xff;
        ByteBuffer ext = ByteBuffer.allocate(9 + name.length);
        ext.putShort((short) 0).putShort((short) (5 + name.length)).putShort((short) (3 + name.length))
                .put((byte) 0).putShort((short) name.length).put(name);
        ClientHello hello = classify(record(ext.array()));
        assertEquals("aaa??" + "a".repeat(248) + "...", hello.sniName());
    }

    @Test
    void lengthsThatLieMakeAMalformedHelloNotAnException() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] body = new byte[random.nextInt(120)];
            random.nextBytes(body);
            byte[] rec = new byte[5 + 4 + body.length];
            rec[0] = 0x16;
            rec[1] = 3;
            rec[2] = 1;
            rec[3] = (byte) ((rec.length - 5) >> 8);
            rec[4] = (byte) (rec.length - 5);
            rec[5] = 1;
            rec[8] = (byte) body.length;
            System.arraycopy(body, 0, rec, 9, body.length);
            ClientHello hello = classify(rec);
            assertNotNull(hello);
        }
    }

    @Test
    void aRecordAbove16KiBIsRecordOverflowFromItsHeaderAlone() {
        for (int length : new int[] {16385, 0xffff}) {
            ClientHello hello = classify(new byte[] {0x16, 3, 1, (byte) (length >> 8), (byte) length});
            assertEquals(ClientHello.Kind.TLS_HELLO, hello.kind());
            assertEquals(22, hello.defect().alert(), hello.defect()::reason);
        }
        assertNull(classify(new byte[] {0x16, 3, 1, 0x40, 0x00}), "16384 bytes: a record may hold that");
    }

    @Test
    void plaintextIsHttpOrOther() {
        assertEquals(ClientHello.Kind.HTTP, classify("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)).kind());
        assertEquals(ClientHello.Kind.HTTP, classify("PRI * HTTP/2.0".getBytes(StandardCharsets.US_ASCII)).kind());
        assertNull(classify("GE".getBytes(StandardCharsets.US_ASCII)), "could still become GET");
        assertEquals(ClientHello.Kind.OTHER, classify("hello\n".getBytes(StandardCharsets.US_ASCII)).kind());
        assertEquals(ClientHello.Kind.OTHER, classify(new byte[] {0x00}).kind());
    }

    @Test
    void anSsl2HelloIsRecognised() {
        assertEquals(ClientHello.Kind.SSL2_HELLO, classify(new byte[] {(byte) 0x80, 0x2e, 0x01, 0x00, 0x02}).kind());
    }

    @Test
    void aLegacyHelloOffersItsVersionAndTheOlderTlsOnes() {
        ClientHello hello = classify(record(new byte[0]));
        assertEquals(List.of("TLSv1"), hello.offeredVersions());
        assertEquals(true, hello.onlyLegacyVersions());
    }

    /** A hello split over records (tlsfuzzer test-record-layer-fragmentation.py, large-hello): one message again. */
    @Test
    void aHelloSplitOverRecordsKeepsItsSniNameAndVersions() throws Exception {
        byte[] hello = HelloBytes.jdkClientHello(null, "split.example.com", "h2");
        for (int size : new int[] {1, 7, 100, 512}) {
            byte[] split = HelloBytes.split(hello, size);
            ClientHello parsed = classify(split);
            assertEquals(ClientHello.Kind.TLS_HELLO, parsed.kind(), "records of " + size);
            assertEquals("split.example.com", parsed.sniName(), "records of " + size);
            assertEquals(List.of("TLSv1.3", "TLSv1.2"), parsed.offeredVersions(), "records of " + size);
            assertEquals(List.of("h2"), parsed.offeredAlpn());
        }
        byte[] split = HelloBytes.split(hello, 50);
        for (int n = 0; n < split.length; n++) {
            assertNull(classify(Arrays.copyOf(split, n)), "prefix of " + n + " bytes");
        }
    }

    /** tlsfuzzer test-truncating-of-client-hello.py, "hello truncate": lengths fixed up, the body cut short. */
    @Test
    void aHelloEndingInsideItsFixedFieldsIsDecodeError() throws Exception {
        byte[] hello = HelloBytes.jdkClientHello(null, "localhost");
        int cut = 5 + 4 + 2 + 32 + 1 + (hello[5 + 4 + 2 + 32] & 0xff) + 1; // into the cipher suites
        byte[] truncated = Arrays.copyOf(hello, cut);
        truncated[3] = (byte) ((cut - 5) >> 8);
        truncated[4] = (byte) (cut - 5);
        truncated[6] = 0;
        truncated[7] = (byte) ((cut - 9) >> 8);
        truncated[8] = (byte) (cut - 9);
        ClientHello parsed = classify(truncated);
        assertEquals(ClientHello.Kind.TLS_HELLO, parsed.kind());
        assertEquals(50, parsed.defect().alert(), parsed.defect()::reason);
    }

    @Test
    void aHelloAboveOpensslsLimitIsIllegalParameterFromItsHeader() {
        int claimed = ClientHelloParser.MAX_HELLO - 4 + 1;
        byte[] rec = {0x16, 3, 1, 0, 4, 1, (byte) (claimed >> 16), (byte) (claimed >> 8), (byte) claimed};
        ClientHello parsed = classify(rec);
        assertEquals(47, parsed.defect().alert(), parsed.defect()::reason);
        int atTheLimit = ClientHelloParser.MAX_HELLO - 4;
        assertNull(classify(new byte[] {0x16, 3, 1, 0, 4, 1, (byte) (atTheLimit >> 16), (byte) (atTheLimit >> 8),
            (byte) atTheLimit}), "a hello of OpenSSL's largest size is read to its end");
    }

    @Test
    void anotherRecordTypeBetweenHelloFragmentsIsMalformed() throws Exception {
        byte[] split = HelloBytes.split(HelloBytes.jdkClientHello(null, "localhost"), 100);
        split[105] = 0x17; // the second record's content type: application_data
        assertEquals(ClientHello.Kind.MALFORMED_TLS, classify(split).kind());
    }

    /** A TLS 1.0 ClientHello record (legacy version 3.1, one cipher) with the given extensions block content. */
    private static byte[] record(byte[] extensions) {
        ByteBuffer body = ByteBuffer.allocate(64 + extensions.length);
        body.put((byte) 3).put((byte) 1).put(new byte[32]).put((byte) 0).putShort((short) 2).putShort((short) 0x2f)
                .put((byte) 1).put((byte) 0);
        if (extensions.length > 0) {
            body.putShort((short) extensions.length).put(extensions);
        }
        int n = body.position();
        ByteBuffer rec = ByteBuffer.allocate(9 + n);
        rec.put((byte) 0x16).put((byte) 3).put((byte) 1).putShort((short) (4 + n)).put((byte) 1).put((byte) 0)
                .putShort((short) n).put(body.array(), 0, n);
        return rec.array();
    }
}
