package com.kvscamera.emulator.server;

import com.kvscamera.emulator.admin.AdminApi;
import com.kvscamera.emulator.sigv4.SigV4Verifier;
import com.kvscamera.emulator.signaling.SignalingRouter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The one listening socket on 127.0.0.1: HTTP POSTs and WebSocket upgrades, optionally behind TLS. */
public final class EmulatorServer implements AutoCloseable {
    static final int MAX_BODY = 256 * 1024;

    private final EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("kvs-emulator-accept", true));
    private final EventLoopGroup workers = new NioEventLoopGroup(2, new DefaultThreadFactory("kvs-emulator-io", true));
    private Channel serverChannel;

    /** Binds; the handlers are created per connection from the given collaborators. */
    public int start(int port, SslContext ssl, SignalingRouter router, AdminApi admin, SigV4Verifier verifier,
                     Clock clock, Duration idleTimeout) throws InterruptedException {
        HttpReplies replies = new HttpReplies(clock);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast("kvs-tls", ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("kvs-codec", new HttpServerCodec());
                        ch.pipeline().addLast("kvs-aggregate", new BodyLimit(replies));
                        ch.pipeline().addLast(HttpRequestHandler.NAME,
                                new HttpRequestHandler(router, admin, verifier, replies, idleTimeout));
                    }
                });
        serverChannel = b.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Aggregates bodies up to 256 KiB; larger ones get the rest-json error shape instead of Netty's bare 413. */
    private static final class BodyLimit extends HttpObjectAggregator {
        private final HttpReplies replies;

        BodyLimit(HttpReplies replies) {
            super(MAX_BODY);
            this.replies = replies;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            replies.errorThenClose(ctx, new com.kvscamera.emulator.api.ApiException(413, "SerializationException",
                    com.kvscamera.emulator.api.ApiException.FRONTEND_NS,
                    "Request body exceeds " + MAX_BODY + " bytes", false), java.time.Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
