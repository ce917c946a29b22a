package org.pfxkit.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfxkit.shared.testing.FuzzSeeds;

/**
 * Coverage-guided fuzzing of the ClientHello parser (docs/fuzzing.md). It uses only {@link
 * ClientHelloParser#classify(ByteBuf)} and the four components of {@link ClientHello} that main and the split-hello
 * rework (branch h-tls) share, so it compiles on both. Contract: classify never throws; it returns null ("more bytes
 * needed") only below {@link ClientHelloParser#MAX_BUFFERED}, so the sniffer's buffering stays bounded; otherwise a
 * kind, with SNI and ALPN names printable (they reach logs and failure events) and lists never null; it consumes
 * nothing, changes nothing, and reads nothing outside the readable bytes (the same bytes at another offset, with
 * other bytes around them, give the same answer).
 */
class ClientHelloParserFuzzTest {
    @BeforeAll
    static void offerSeeds() throws Exception {
        FuzzSeeds.offer(ClientHelloParserFuzzTest.class, "classifiesWithinItsBounds", seeds());
    }

    static List<byte[]> seeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(HelloBytes.jdkClientHello("TLSv1.3", "fuzz.example", "h2", "http/1.1"));
        seeds.add(HelloBytes.jdkClientHello("TLSv1.2", "a.example"));
        seeds.add(HelloBytes.jdkClientHello(null, "b.example", "x"));
        seeds.add(new byte[] {(byte) 0x80, 0x2e, 0x01, 0x00, 0x02, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10});
        seeds.add("GET / HTTP/1.1\r\nHost: fuzz.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        seeds.add("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
        return seeds;
    }
    @FuzzTest
    void classifiesWithinItsBounds(byte[] input) {
        ByteBuf exact = Unpooled.wrappedBuffer(input.clone());
        ClientHello hello = ClientHelloParser.classify(exact);
        assertEquals(0, exact.readerIndex(), "classify consumed bytes");
        assertEquals(input.length, exact.writerIndex());
        assertArrayEquals(input, Arrays.copyOfRange(exact.array(), 0, input.length), "classify changed the bytes");

        // The same bytes in the middle of a larger buffer: what lies outside the readable bytes must not matter.
        ByteBuf framed = Unpooled.buffer(input.length + 64);
        framed.writeBytes(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00, 0x01, 0x00});
        framed.readerIndex(framed.writerIndex());
        framed.writeBytes(input);
        int writerIndex = framed.writerIndex();
        framed.writerIndex(framed.capacity());
        framed.setBytes(writerIndex, new byte[framed.capacity() - writerIndex]);
        framed.writerIndex(writerIndex);
        assertEquals(hello, ClientHelloParser.classify(framed), "the answer depends on bytes outside the input");

        if (hello == null) {
            assertTrue(input.length < ClientHelloParser.MAX_BUFFERED, "asks for more after " + input.length + " bytes");
            return;
        }
        assertNotNull(hello.kind());
        assertNotNull(hello.offeredVersions());
        assertNotNull(hello.offeredAlpn());
        assertPrintable(hello.sniName());
        hello.offeredAlpn().forEach(ClientHelloParserFuzzTest::assertPrintable);
        hello.offeredVersions().forEach(ClientHelloParserFuzzTest::assertPrintable);
    }

    private static void assertPrintable(String text) {
        if (text != null) {
            assertTrue(text.chars().allMatch(c -> c >= 0x20 && c < 0x7f), () -> "not printable: " + text);
        }
    }

    @Test
    void everySeedKeepsTheContract() throws Exception {
        for (byte[] seed : seeds()) {
            classifiesWithinItsBounds(seed);
            for (int cut = 0; cut < seed.length; cut += 7) {
                classifiesWithinItsBounds(Arrays.copyOf(seed, cut));
            }
        }
    }
}
