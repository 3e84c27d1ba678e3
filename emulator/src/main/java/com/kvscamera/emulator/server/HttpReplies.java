package com.kvscamera.emulator.server;

import com.kvscamera.emulator.api.ApiException;
import com.kvscamera.emulator.api.JsonInput;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** JSON responses with the headers every KVS response carries (x-amzn-RequestId, Date from the injected clock). */
final class HttpReplies {
    /** Set per connection for admin requests from a loopback page (the demo), so replies carry CORS headers. */
    static final io.netty.util.AttributeKey<String> CORS_ORIGIN = io.netty.util.AttributeKey.valueOf("kvs-cors-origin");
    private final Clock clock;

    HttpReplies(Clock clock) {
        this.clock = clock;
    }

    void json(ChannelHandlerContext ctx, boolean keepAlive, int status, String body) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        send(ctx, keepAlive, res);
    }

    void error(ChannelHandlerContext ctx, boolean keepAlive, ApiException e) {
        send(ctx, keepAlive, errorResponse(e));
    }

    /**
     * An error for a request whose body is still arriving. Closing at once would leave unread bytes in the socket,
     * the kernel would answer with a reset and the client could lose the reply; so the connection stays open while
     * the aggregator drops the rest of the body, and is closed {@code linger} later (or by the client first).
     */
    void errorThenClose(ChannelHandlerContext ctx, ApiException e, Duration linger) {
        FullHttpResponse res = errorResponse(e);
        prepare(ctx, res);
        res.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(res);
        ctx.executor().schedule(() -> ctx.close(), linger.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static FullHttpResponse errorResponse(ApiException e) {
        String member = e.lowercaseMessage() ? "message" : "Message";
        String body = JsonInput.MAPPER.createObjectNode().put(member, e.getMessage()).toString();
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(e.status()),
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        res.headers().set("x-amzn-ErrorType", e.type() + ":" + e.namespace());
        return res;
    }

    /** CORS preflight answer for the admin API. */
    void preflight(ChannelHandlerContext ctx, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        res.headers().set("Access-Control-Allow-Methods", "GET, POST");
        res.headers().set("Access-Control-Allow-Headers", "content-type");
        res.headers().set("Access-Control-Max-Age", "600");
        send(ctx, keepAlive, res);
    }

    private void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse res) {
        prepare(ctx, res);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void prepare(ChannelHandlerContext ctx, FullHttpResponse res) {
        String origin = ctx.channel().attr(CORS_ORIGIN).get();
        if (origin != null) {
            res.headers().set("Access-Control-Allow-Origin", origin);
            res.headers().set("Vary", "Origin");
        }
        res.headers().set("x-amzn-RequestId", UUID.randomUUID().toString());
        res.headers().set(HttpHeaderNames.DATE,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC)));
        HttpUtil.setContentLength(res, res.content().readableBytes());
    }
}
