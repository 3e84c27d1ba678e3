package com.kvscamera.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.kvscamera.emulator.admin.AdminApi;
import com.kvscamera.emulator.api.ApiException;
import com.kvscamera.emulator.sigv4.AuthFailure;
import com.kvscamera.emulator.sigv4.SigV4Encoding;
import com.kvscamera.emulator.sigv4.SigV4Verifier;
import com.kvscamera.emulator.sigv4.SignedRequest;
import com.kvscamera.emulator.signaling.SignalingRouter;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Routes one HTTP request: control plane, HTTPS data plane, admin API or the WSS upgrade. */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String NAME = "kvs-http";
    private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);
    private static final Set<String> CONTROL_OPS = Set.of("createSignalingChannel", "describeSignalingChannel",
            "getSignalingChannelEndpoint", "deleteSignalingChannel", "updateSignalingChannel", "listSignalingChannels");

    /** Pages served from this machine (the demo) may call the admin API; other origins get no CORS headers. */
    private static final java.util.regex.Pattern LOOPBACK_ORIGIN =
            java.util.regex.Pattern.compile("https?://(127\\.0\\.0\\.1|localhost)(:\\d{1,5})?");
    private final SignalingRouter router;
    private final AdminApi admin;
    private final SigV4Verifier verifier;
    private final HttpReplies replies;
    private final Duration idleTimeout;

    HttpRequestHandler(SignalingRouter router, AdminApi admin, SigV4Verifier verifier, HttpReplies replies,
                       Duration idleTimeout) {
        super(false);
        this.router = router;
        this.admin = admin;
        this.verifier = verifier;
        this.replies = replies;
        this.idleTimeout = idleTimeout;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean handedOff = false;
        try {
            handedOff = route(ctx, req);
        } catch (ApiException e) {
            replies.error(ctx, HttpUtil.isKeepAlive(req), e);
        } catch (RuntimeException e) {
            LOG.warn("request {} {} failed", req.method(), req.uri(), e);
            replies.error(ctx, false, new ApiException(500, "InternalFailure", ApiException.FRONTEND_NS,
                    "Internal error: " + e, false));
        } finally {
            if (!handedOff) {
                req.release();
            }
        }
    }

    /** Returns true when the request's ownership passed to a WebSocket link. */
    private boolean route(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            throw ApiException.serialization("Malformed HTTP request: " + req.decoderResult().cause());
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.rawPath();
        String rawQuery = uri.rawQuery();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        byte[] body = ByteBufUtil.getBytes(req.content());
        SignedRequest signed = new SignedRequest(req.method().name(), path, rawQuery,
                name -> req.headers().getAll(name), body);

        ctx.channel().attr(HttpReplies.CORS_ORIGIN).set(null);
        if (path.startsWith("/_emulator/")) {
            if (!isLoopback(ctx)) {
                throw new ApiException(403, "AccessDeniedException", ApiException.FRONTEND_NS,
                        "The admin API answers loopback callers only", false);
            }
            String origin = req.headers().get(HttpHeaderNames.ORIGIN);
            if (origin != null && LOOPBACK_ORIGIN.matcher(origin).matches()) {
                ctx.channel().attr(HttpReplies.CORS_ORIGIN).set(origin);
            }
            if (req.method().equals(HttpMethod.OPTIONS)) {
                replies.preflight(ctx, keepAlive);
                return false;
            }
            respond(ctx, keepAlive, admin.handle(req.method().name(), path, body));
            return false;
        }
        if (req.method().equals(HttpMethod.GET) && path.equals("/")
                && req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            upgrade(ctx, req, signed, rawQuery);
            return true;
        }
        if (!req.method().equals(HttpMethod.POST)) {
            throw ApiException.unknownOperation();
        }
        String op = path.startsWith("/") ? path.substring(1) : path;
        boolean control = CONTROL_OPS.contains(op);
        boolean ice = path.equals("/v1/get-ice-server-config");
        boolean alexa = path.equals("/v1/send-alexa-offer-to-master");
        if (!control && !ice && !alexa) {
            throw ApiException.unknownOperation();
        }
        try {
            verifier.verifyHeaderSigned(signed);
        } catch (AuthFailure f) {
            LOG.info("{} {} refused: {} {}", req.method(), path, f.errorType(), f.getMessage());
            throw new ApiException(f.status(), f.errorType(), ApiException.FRONTEND_NS, f.getMessage(), true);
        }
        if (control) {
            respond(ctx, keepAlive, router.controlPlane(op, body));
        } else if (ice) {
            respond(ctx, keepAlive, router.getIceServerConfig(body, false));
        } else {
            respond(ctx, keepAlive, router.sendAlexaOffer(body, false));
        }
        return false;
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, SignedRequest signed, String rawQuery) {
        Map<String, String> params = new java.util.HashMap<>();
        for (Map.Entry<String, String> e : SigV4Encoding.parseQuery(rawQuery)) {
            params.putIfAbsent(e.getKey(), e.getValue());
        }
        NettyPeerLink link = new NettyPeerLink(ctx, req, wsUrl(ctx, req), router, replies, idleTimeout);
        try {
            verifier.verifyPresigned(signed);
        } catch (AuthFailure f) {
            link.reject(403, f.errorType(), f.getMessage());
            return;
        }
        String arn = params.get("X-Amz-ChannelARN");
        String clientId = params.get("X-Amz-ClientId");
        router.connect(arn, clientId, params.containsKey("X-Amz-ClientId"), link);
    }

    private void respond(ChannelHandlerContext ctx, boolean keepAlive, CompletableFuture<? extends JsonNode> result) {
        result.whenComplete((json, error) -> {
            if (error == null) {
                replies.json(ctx, keepAlive, 200, json.toString());
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ApiException api) {
                replies.error(ctx, keepAlive, api);
            } else {
                LOG.warn("request failed", cause);
                replies.error(ctx, false, new ApiException(500, "InternalFailure", ApiException.FRONTEND_NS,
                        "Internal error: " + cause, false));
            }
        });
    }

    /** Only used by the handshaker for old drafts' Sec-WebSocket-Location; built from the request's Host. */
    private static String wsUrl(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean tls = ctx.pipeline().get("kvs-tls") != null;
        return (tls ? "wss://" : "ws://") + req.headers().get(HttpHeaderNames.HOST, "127.0.0.1") + "/";
    }

    private static boolean isLoopback(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                && a.getAddress().isLoopbackAddress();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("HTTP connection {} error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
