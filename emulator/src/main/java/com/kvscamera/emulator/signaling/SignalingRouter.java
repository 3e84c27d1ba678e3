package com.kvscamera.emulator.signaling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kvscamera.emulator.EmulatorState;
import com.kvscamera.emulator.api.ApiException;
import com.kvscamera.emulator.api.ControlPlaneOps;
import com.kvscamera.emulator.api.IceServerConfig;
import com.kvscamera.emulator.api.JsonInput;
import com.kvscamera.emulator.channel.ChannelRecord;
import com.kvscamera.emulator.channel.ChannelRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Owns every channel and connection. All state lives on one thread ("kvs-emulator-router"); network callbacks
 * and API calls hand their work to it and get a future back.
 */
public final class SignalingRouter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingRouter.class);
    private static final Pattern STRICT_BASE64 = Pattern.compile("[a-zA-Z0-9+/=]+");

    /** Settings the router needs; endpoints point back at the emulator itself. */
    public record Config(String region, String accountId, Clock clock, Duration sessionTtl, Duration goAwayGrace,
                         Duration defaultMessageTtl) {
    }

    private final Config config;
    private final ScheduledThreadPoolExecutor executor;
    private final ChannelRegistry registry;
    private final ControlPlaneOps controlPlane;
    private final Map<String, ChannelHub> hubs = new LinkedHashMap<>();
    private final AtomicLong peerIds = new AtomicLong();
    private final IceServerConfig iceConfig;
    private final ControlPlaneLimits limits;

    public SignalingRouter(Config config, IceServerConfig iceConfig) {
        this.config = config;
        this.iceConfig = iceConfig;
        this.limits = new ControlPlaneLimits(config.clock());
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "kvs-emulator-router");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.registry = new ChannelRegistry(config.region(), config.accountId(), config.clock());
        this.controlPlane = new ControlPlaneOps(registry, config.defaultMessageTtl(), null, null,
                this::channelCreated, this::channelDeleted);
    }

    public void setEndpoints(String wss, String https) {
        controlPlane.setEndpoints(wss, https);
    }

    /** Runs {@code work} on the router thread; exceptions (ApiException or bugs) complete the future. */
    public <T> CompletableFuture<T> call(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    f.complete(work.get());
                } catch (Throwable t) {
                    if (!(t instanceof ApiException)) {
                        LOG.warn("router task failed", t);
                    }
                    f.completeExceptionally(t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(new ApiException(503, "ServiceUnavailableException", ApiException.FRONTEND_NS,
                    "The emulator is shutting down", false));
        }
        return f;
    }

    private void run(String what, Runnable work) {
        call(() -> {
            work.run();
            return null;
        }).exceptionally(t -> {
            LOG.warn("{} failed: {}", what, t.toString());
            return null;
        });
    }

    public CompletableFuture<ObjectNode> controlPlane(String operation, byte[] body) {
        return call(() -> {
            JsonInput in = JsonInput.parse(body);
            return switch (operation) {
                case "createSignalingChannel" -> controlPlane.create(in);
                case "describeSignalingChannel" -> {
                    limits.describe(hubs.get(controlPlane.locate(in, true).name()));
                    yield controlPlane.describe(in);
                }
                case "getSignalingChannelEndpoint" -> {
                    limits.getEndpoint();
                    yield controlPlane.getEndpoint(in);
                }
                case "deleteSignalingChannel" -> controlPlane.delete(in);
                case "updateSignalingChannel" -> controlPlane.update(in);
                case "listSignalingChannels" -> controlPlane.list(in);
                default -> throw ApiException.unknownOperation();
            };
        });
    }

    /** POST /v1/get-ice-server-config, and the unsigned admin variant keyed by channel name. */
    public CompletableFuture<ObjectNode> getIceServerConfig(byte[] body, boolean byName) {
        return dataPlane(call(() -> {
            JsonInput in = JsonInput.parse(body);
            ChannelRecord record;
            if (byName) {
                String name = in.requiredString("channelName", 1, 256, JsonInput.NAME);
                record = registry.byName(name).orElseThrow(ApiException::channelNotFound);
            } else {
                String arn = in.requiredString("ChannelARN", 1, 1024, JsonInput.ARN);
                in.optionalString("ClientId", 1, 256, JsonInput.NAME);
                in.optionalString("Username", 1, 256, JsonInput.NAME);
                String service = in.optionalString("Service", 1, 16, null);
                if (service != null && !service.equals("TURN")) {
                    throw ApiException.validation("Service", service, "Member must satisfy enum value set: [TURN]");
                }
                record = registry.byArn(arn).orElseThrow(ApiException::channelNotFound);
            }
            limits.iceConfig(hubs.get(record.name()));
            return iceConfig.response(record.arn());
        }));
    }

    /** Data-plane errors name the 2019-12-04 namespace in x-amzn-ErrorType. */
    private static <T> CompletableFuture<T> dataPlane(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((v, t) -> {
            if (t == null) {
                out.complete(v);
                return;
            }
            Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
            out.completeExceptionally(c instanceof ApiException api ? api.inDataPlane() : c);
        });
        return out;
    }

    /** POST /v1/send-alexa-offer-to-master: completes when the master answers (or the message TTL ends). */
    public CompletableFuture<ObjectNode> sendAlexaOffer(byte[] body, boolean byName) {
        return dataPlane(call(() -> {
            JsonInput in = JsonInput.parse(body);
            ChannelRecord record;
            String sender;
            String payload;
            if (byName) {
                String name = in.requiredString("channelName", 1, 256, JsonInput.NAME);
                sender = in.requiredString("senderClientId", 1, 256, JsonInput.NAME);
                String sdp = in.requiredString("sdp", 1, 100_000, null);
                payload = java.util.Base64.getEncoder().encodeToString(JsonInput.MAPPER.createObjectNode()
                        .put("type", "offer").put("sdp", sdp).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (payload.length() > FrameParser.MAX_PAYLOAD) {
                    throw ApiException.validation("sdp", null, "Encoded offer must have at most "
                            + FrameParser.MAX_PAYLOAD + " base64 characters, got " + payload.length());
                }
                record = registry.byName(name).orElseThrow(ApiException::channelNotFound);
            } else {
                String arn = in.requiredString("ChannelARN", 1, 1024, JsonInput.ARN);
                sender = in.requiredString("SenderClientId", 1, 256, JsonInput.NAME);
                payload = in.requiredString("MessagePayload", 1, FrameParser.MAX_PAYLOAD, STRICT_BASE64);
                if (FrameParser.decodeBase64(payload) == null) {
                    throw ApiException.validation("MessagePayload", null, "Member must be valid base64");
                }
                record = registry.byArn(arn).orElseThrow(ApiException::channelNotFound);
            }
            ChannelHub hub = hubs.get(record.name());
            if (!hub.alexaOffers.tryAcquire()) {
                throw ApiException.limitExceeded("SendAlexaOfferToMaster rate exceeded: 5 per second per channel");
            }
            return hub.alexaOffer(sender, payload);
        }).thenCompose(f -> f).thenApply(answer -> JsonInput.MAPPER.createObjectNode().put("Answer", answer)));
    }

    /** A WebSocket upgrade whose signature checked out; admits it (link.accept) or refuses it (link.reject). */
    public void connect(String channelArn, String clientId, boolean clientIdPresent, PeerLink link) {
        run("connect", () -> {
            if (channelArn == null || channelArn.isEmpty()) {
                link.reject(400, "InvalidArgumentException", "X-Amz-ChannelARN is required");
                return;
            }
            if (!JsonInput.ARN.matcher(channelArn).matches()) {
                link.reject(400, "InvalidArgumentException", "X-Amz-ChannelARN is not a channel ARN: " + channelArn);
                return;
            }
            if (clientIdPresent && (clientId == null || !JsonInput.NAME.matcher(clientId).matches()
                    || clientId.length() > 256)) {
                link.reject(400, "InvalidArgumentException", "X-Amz-ClientId must match [a-zA-Z0-9_.-]{1,256}");
                return;
            }
            ChannelRecord record = registry.byArn(channelArn).orElse(null);
            if (record == null) {
                link.reject(404, "ResourceNotFoundException", "The requested channel is not found or not active.");
                return;
            }
            ChannelHub hub = hubs.get(record.name());
            boolean master = !clientIdPresent;
            if (!(master ? hub.masterConnects : hub.viewerConnects).tryAcquire()) {
                link.reject(400, "ClientLimitExceededException", (master ? "ConnectAsMaster" : "ConnectAsViewer")
                        + " rate exceeded: 3 connections per second per channel");
                return;
            }
            if (!master && hub.viewerCount() >= ChannelHub.MAX_VIEWERS && !hub.hasViewer(clientId)) {
                link.reject(400, "ClientLimitExceededException", "The maximum number of viewers ("
                        + ChannelHub.MAX_VIEWERS + ") is already connected to the channel");
                return;
            }
            Peer peer = new Peer(peerIds.incrementAndGet(), record.name(), master ? null : clientId, link,
                    config.clock());
            // accept first: the upgrade response must precede any held frame that attach() flushes
            link.accept(peer);
            hub.attach(peer);
        });
    }

    public void onText(Peer peer, String text) {
        run("frame", () -> {
            ChannelHub hub = hubs.get(peer.channelName());
            if (hub == null) {
                return;
            }
            try {
                hub.onMessage(peer, FrameParser.parse(text, peer.isMaster()));
            } catch (FrameRejected r) {
                reject(peer, r);
            }
        });
    }

    public void onBinary(Peer peer) {
        run("binary frame", () -> reject(peer, new FrameRejected("InvalidArgumentException", 400, null,
                "Binary frames are not supported; send JSON text frames")));
    }

    private void reject(Peer peer, FrameRejected r) {
        LOG.info("channel {}: refused frame from {}: {}", peer.channelName(), peer, r.getMessage());
        if (r.deliveryFailure() && r.correlationId() == null) {
            return; // the service reports failed deliveries only to senders that asked (correlationId)
        }
        if (r.correlationId() != null) {
            peer.link().send(OutboundFrames.statusResponse(r.correlationId(), r.errorType(), r.statusCode(),
                    r.getMessage()));
        } else {
            peer.link().send(OutboundFrames.gatewayError(r.getMessage(), peer.id()));
        }
    }

    /** The connection started to end (peer's close frame, idle timeout): the peer is offline from now on. */
    public void onClosing(Peer peer) {
        run("closing", () -> {
            ChannelHub hub = hubs.get(peer.channelName());
            if (hub != null) {
                hub.goOffline(peer);
            }
        });
    }

    public void onClosed(Peer peer) {
        run("close", () -> {
            ChannelHub hub = hubs.get(peer.channelName());
            if (hub != null) {
                hub.detach(peer);
            }
        });
    }

    public CompletableFuture<Void> inject(String channelName, String event) {
        return call(() -> {
            FaultEvent fault;
            try {
                fault = FaultEvent.valueOf(event == null ? "" : event);
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("event", event,
                        "Member must satisfy enum value set: [GO_AWAY, RECONNECT_ICE_SERVER, CLOSE_1001, DROP, STRAY_FRAME]");
            }
            ChannelHub hub = hubs.get(channelName);
            if (hub == null) {
                throw ApiException.channelNotFound();
            }
            if (!hub.inject(fault)) {
                throw new ApiException(409, "ResourceInUseException", ApiException.CONTROL_NS,
                        "No master is connected to channel " + channelName, false);
            }
            return null;
        });
    }

    public CompletableFuture<EmulatorState> state() {
        return call(() -> {
            List<EmulatorState.ChannelState> list = new ArrayList<>();
            for (ChannelHub hub : hubs.values()) {
                list.add(hub.snapshot());
            }
            return new EmulatorState(List.copyOf(list));
        });
    }

    /** Creates (or finds) a channel by name with the default settings; returns its ARN. */
    public CompletableFuture<String> ensureChannel(String name) {
        return call(() -> registry.byName(name).map(ChannelRecord::arn).orElseGet(() -> {
            ObjectNode body = JsonInput.MAPPER.createObjectNode().put("ChannelName", name);
            return controlPlane.create(JsonInput.of(body)).get("ChannelARN").asText();
        }));
    }

    public CompletableFuture<String> channelArn(String name) {
        return call(() -> registry.byName(name).map(ChannelRecord::arn).orElseThrow(ApiException::channelNotFound));
    }

    /** Every channel gets its hub as it is created. */
    private void channelCreated(ChannelRecord record) {
        hubs.put(record.name(), new ChannelHub(record, executor, config.clock(), config.sessionTtl(),
                config.goAwayGrace()));
    }

    private void channelDeleted(ChannelRecord record) {
        ChannelHub hub = hubs.remove(record.name());
        if (hub != null) {
            hub.shutdown();
        }
        LOG.info("channel {} deleted", record.name());
    }

    /**
     * Closes every connection 1001 "Going away", as the service does when it takes a host away, and waits (at
     * most {@code patience}) for the sockets to end, so clients see the close frame rather than a reset.
     */
    public void goingAway(Duration patience) {
        try {
            List<CompletableFuture<Void>> ended = call(() -> {
                List<CompletableFuture<Void>> all = new ArrayList<>();
                for (ChannelHub hub : hubs.values()) {
                    all.addAll(hub.goingAway());
                }
                LOG.info("stopping: closing {} connection(s) 1001", all.size());
                return all;
            }).get(patience.toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture.allOf(ended.toArray(CompletableFuture[]::new))
                    .get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("stopping: not every connection ended within {}: {}", patience, e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
