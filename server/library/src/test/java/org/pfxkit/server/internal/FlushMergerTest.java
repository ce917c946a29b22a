package org.pfxkit.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/** The held flush goes out with the next one, or at the close; nothing is held twice or lost. */
class FlushMergerTest {
    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static String read(EmbeddedChannel channel) {
        ByteBuf out = channel.readOutbound();
        try {
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }

    @Test
    void theHeldReplyLeavesWithTheNextFlushInOrder() {
        FlushMerger merger = new FlushMerger();
        EmbeddedChannel channel = new EmbeddedChannel(merger);
        merger.holdNextFlush();
        channel.writeAndFlush(text("reply"));
        assertNull(channel.readOutbound(), "held: not written to the socket yet");
        channel.writeAndFlush(text("close_notify"));
        assertEquals("reply", read(channel));
        assertEquals("close_notify", read(channel));
        channel.writeAndFlush(text("later"));
        assertEquals("later", read(channel), "only one flush is held");
        assertFalse(channel.finish());
    }

    @Test
    void aCloseWithoutAnotherFlushStillSendsTheHeldReply() {
        FlushMerger merger = new FlushMerger();
        EmbeddedChannel channel = new EmbeddedChannel(merger);
        merger.holdNextFlush();
        channel.writeAndFlush(text("reply"));
        channel.close();
        assertEquals("reply", read(channel));
        assertTrue(!channel.isOpen());
    }
}
