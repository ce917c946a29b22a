package org.pfxkit.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfxkit.shared.testing.FuzzSeeds;

/**
 * Coverage-guided fuzzing of the PROXY protocol header decoder (docs/fuzzing.md), fed in one to four pieces as a
 * network delivers them. Contract: the connection ends in exactly one of three states: a header decoded (one
 * HAProxyMessage passed on, then the bytes after it), refused (one HAProxyProtocolException with a printable message,
 * the channel closed), or still waiting, which is allowed only while fewer bytes than the largest header (v1: 107,
 * v2: 16 + 65535) have arrived. No other exception reaches the pipeline; no buffer leaks.
 */
class ProxyHeaderDecoderFuzzTest {
    private static final int LARGEST_V2 = 16 + 65535;

    @BeforeAll
    static void offerSeeds() {
        FuzzSeeds.offer(ProxyHeaderDecoderFuzzTest.class, "decodesRefusesOrWaitsWithinBounds", seeds());
    }

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String line : List.of("PROXY TCP4 192.0.2.1 198.51.100.2 51234 443\r\n",
                "PROXY TCP6 2001:db8::1 2001:db8::2 51234 443\r\n", "PROXY UNKNOWN\r\n",
                "PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n")) {
            // First byte: how the fuzzer splits the input into pieces (see the test); then the header and data.
            seeds.add(concat(new byte[] {0x21}, line.getBytes(StandardCharsets.US_ASCII), "hello\n".getBytes(
                    StandardCharsets.US_ASCII)));
        }
        byte[] signature = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
        seeds.add(concat(new byte[] {0x00}, signature, new byte[] {0x21, 0x11, 0x00, 0x0c, (byte) 192, 0, 2, 1,
            (byte) 198, 51, 100, 2, (byte) 0xc8, 0x22, 0x01, (byte) 0xbb}));
        ByteBuffer v6 = ByteBuffer.allocate(16 + 36 + 7);
        v6.put(signature).put((byte) 0x21).put((byte) 0x21).putShort((short) (36 + 7));
        v6.put(new byte[16]).put(new byte[16]).putShort((short) 1).putShort((short) 2);
        v6.put((byte) 0x02).putShort((short) 4).put("a.ex".getBytes(StandardCharsets.US_ASCII)); // PP2_TYPE_AUTHORITY
        seeds.add(concat(new byte[] {0x12}, v6.array()));
        seeds.add(concat(new byte[] {0x00}, signature, new byte[] {0x20, 0x00, 0x00, 0x00})); // LOCAL
        seeds.add(concat(new byte[] {0x00}, signature, new byte[] {0x21, 0x31, 0x00, (byte) 216},
                new byte[216])); // AF_UNIX
        return seeds;
    }

    @FuzzTest
    void decodesRefusesOrWaitsWithinBounds(byte[] fuzzed) {
        if (fuzzed.length == 0) {
            return;
        }
        int split = fuzzed[0] & 0xff;
        byte[] input = Arrays.copyOfRange(fuzzed, 1, fuzzed.length);
        List<Object> passedOn = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new ProxyHeaderDecoder(new ConnectionGuard(null, 1)),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        passedOn.add(msg);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        failures.add(cause);
                    }
                });
        try {
            for (byte[] piece : pieces(input, split)) {
                if (!channel.isOpen()) {
                    break;
                }
                channel.writeInbound(Unpooled.wrappedBuffer(piece));
            }
            channel.runPendingTasks();
            long headers = passedOn.stream().filter(HAProxyMessage.class::isInstance).count();
            if (!failures.isEmpty()) {
                assertEquals(1, failures.size(), () -> "more than one failure: " + failures);
                HAProxyProtocolException refusal = assertInstanceOf(HAProxyProtocolException.class, failures.get(0));
                String message = refusal.getMessage();
                assertTrue(message != null && message.chars().allMatch(c -> c >= 0x20 && c < 0x7f),
                        () -> "not a printable message: " + message);
                assertEquals(0, headers, "a header and a refusal");
            } else if (headers == 0) {
                assertTrue(input.length < LARGEST_V2, "still waiting after " + input.length + " bytes");
                assertTrue(passedOn.isEmpty(), "bytes passed on before a header");
            } else {
                assertEquals(1, headers, "more than one header");
                assertInstanceOf(HAProxyMessage.class, passedOn.get(0), "bytes passed on before the header");
            }
        } catch (RuntimeException e) {
            fail("the decoder threw " + e, e);
        } finally {
            passedOn.forEach(ReferenceCountUtil::release);
            channel.finishAndReleaseAll();
        }
    }

    /** The input cut in up to four pieces at places the split byte chooses. */
    private static List<byte[]> pieces(byte[] input, int split) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        int cuts = split & 0x03;
        for (int i = 0; i < cuts && from < input.length; i++) {
            int length = Math.min(input.length - from, 1 + ((split >> (2 + 2 * i)) & 0x03) * 5);
            pieces.add(Arrays.copyOfRange(input, from, from + length));
            from += length;
        }
        pieces.add(Arrays.copyOfRange(input, from, input.length));
        return pieces;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuf out = Unpooled.buffer();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return Arrays.copyOf(out.array(), out.writerIndex());
    }

    @Test
    void everySeedKeepsTheContract() {
        for (byte[] seed : seeds()) {
            for (int cut = 1; cut <= seed.length; cut += 5) {
                decodesRefusesOrWaitsWithinBounds(Arrays.copyOf(seed, cut));
            }
        }
    }
}
