package com.kvscamera.emulator.server;

import com.kvscamera.emulator.signaling.Peer;
import com.kvscamera.emulator.signaling.SignalingRouter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Frames of one accepted signaling connection: pings answered here, text handed to the router. */
final class WebSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketFrameHandler.class);

    private final Peer peer;
    private final SignalingRouter router;
    private final WebSocketServerHandshaker handshaker;

    WebSocketFrameHandler(Peer peer, SignalingRouter router, WebSocketServerHandshaker handshaker) {
        this.peer = peer;
        this.router = router;
        this.handshaker = handshaker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            router.onText(peer, text.text());
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            router.onClosing(peer);
            handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
        } else if (frame instanceof BinaryWebSocketFrame) {
            router.onBinary(peer);
        }
        // pongs need no answer
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            LOG.info("{} idle for too long; closing 1001", peer);
            router.onClosing(peer);
            ctx.writeAndFlush(new CloseWebSocketFrame(1001, "Going away"))
                    .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        router.onClosed(peer);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("{}: connection error {}; closing", peer, cause.toString());
        ctx.close();
    }
}
