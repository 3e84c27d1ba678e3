package com.kvscamera.emulator.server;

import com.kvscamera.emulator.api.ApiException;
import com.kvscamera.emulator.signaling.Peer;
import com.kvscamera.emulator.signaling.PeerLink;
import com.kvscamera.emulator.signaling.SignalingRouter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One upgrade request on its way to becoming a signaling connection. */
final class NettyPeerLink implements PeerLink {
    private static final Logger LOG = LoggerFactory.getLogger(NettyPeerLink.class);
    static final int MAX_FRAME = 128 * 1024;

    private final ChannelHandlerContext ctx;
    private final Channel channel;
    private final FullHttpRequest request;
    private final String wsUrl;
    private final SignalingRouter router;
    private final HttpReplies replies;
    private final Duration idleTimeout;

    /** Takes ownership of one reference to {@code request} (released once answered). */
    NettyPeerLink(ChannelHandlerContext ctx, FullHttpRequest request, String wsUrl, SignalingRouter router,
                  HttpReplies replies, Duration idleTimeout) {
        this.ctx = ctx;
        this.channel = ctx.channel();
        this.request = request;
        this.wsUrl = wsUrl;
        this.router = router;
        this.replies = replies;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void accept(Peer peer) {
        channel.eventLoop().execute(() -> {
            try {
                if (!channel.isActive()) {
                    router.onClosed(peer);
                    return;
                }
                WebSocketServerHandshaker handshaker =
                        new WebSocketServerHandshakerFactory(wsUrl, null, true, MAX_FRAME).newHandshaker(request);
                if (handshaker == null) {
                    WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
                    router.onClosed(peer);
                    return;
                }
                channel.pipeline().replace(HttpRequestHandler.NAME, "kvs-ws", new WebSocketFrameHandler(peer, router,
                        handshaker));
                channel.pipeline().addBefore("kvs-ws", "kvs-ws-aggregate", new WebSocketFrameAggregator(MAX_FRAME));
                channel.pipeline().addBefore("kvs-ws-aggregate", "kvs-idle",
                        new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
                handshaker.handshake(channel, request).addListener(f -> {
                    if (!f.isSuccess()) {
                        LOG.info("WebSocket handshake with {} failed: {}", remoteAddress(), f.cause().toString());
                        channel.close();
                    }
                });
            } finally {
                request.release();
            }
        });
    }

    @Override
    public void reject(int status, String errorType, String message) {
        channel.eventLoop().execute(() -> {
            try {
                LOG.info("WebSocket upgrade from {} refused: {} {}", remoteAddress(), status, message);
                replies.error(ctx, false, new ApiException(status, errorType, ApiException.DATA_NS, message, false));
            } finally {
                request.release();
            }
        });
    }

    @Override
    public void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> ended.complete(null));
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
        return ended;
    }

    @Override
    public void drop() {
        channel.eventLoop().execute(() -> {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        });
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }
}
