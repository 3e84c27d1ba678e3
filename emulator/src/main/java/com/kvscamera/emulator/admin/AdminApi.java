package com.kvscamera.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kvscamera.emulator.api.ApiException;
import com.kvscamera.emulator.api.JsonInput;
import com.kvscamera.emulator.sigv4.SigV4Presigner;
import com.kvscamera.emulator.signaling.SignalingRouter;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * /_emulator/... for tests, benchmarks and the demo page: state, fault injection, presigned URLs signed with
 * the emulator's own credentials, and unsigned variants of GetIceServerConfig and SendAlexaOfferToMaster.
 * The server admits loopback callers only.
 */
public final class AdminApi {
    private final SignalingRouter router;
    private final SigV4Presigner presigner;
    private final java.util.function.Supplier<URI> wssEndpoint;
    private final Clock clock;

    public AdminApi(SignalingRouter router, SigV4Presigner presigner, java.util.function.Supplier<URI> wssEndpoint,
                    Clock clock) {
        this.router = router;
        this.presigner = presigner;
        this.wssEndpoint = wssEndpoint;
        this.clock = clock;
    }

    public CompletableFuture<? extends JsonNode> handle(String method, String path, byte[] body) {
        String op = path.substring("/_emulator/".length());
        if (op.equals("state")) {
            requireMethod(method, "GET", path);
            return router.state().thenApply(JsonInput.MAPPER::valueToTree);
        }
        requireMethod(method, "POST", path);
        return switch (op) {
            case "inject" -> {
                JsonInput in = JsonInput.parse(body);
                String channel = in.requiredString("channelName", 1, 256, JsonInput.NAME);
                String event = in.requiredString("event", 1, 64, null);
                yield router.inject(channel, event).thenApply(v -> JsonInput.MAPPER.createObjectNode());
            }
            case "presign-viewer", "presign-master" -> {
                JsonInput in = JsonInput.parse(body);
                String channel = in.requiredString("channelName", 1, 256, JsonInput.NAME);
                String clientId = op.equals("presign-viewer")
                        ? in.requiredString("clientId", 1, 256, JsonInput.NAME) : null;
                yield router.channelArn(channel).thenApply(arn -> {
                    ObjectNode out = JsonInput.MAPPER.createObjectNode();
                    out.put("url", presign(arn, clientId).toString());
                    return out;
                });
            }
            case "alexa-offer" -> router.sendAlexaOffer(body, true);
            case "ice-config" -> router.getIceServerConfig(body, true);
            default -> throw ApiException.unknownOperation();
        };
    }

    /** A presigned connect URL for the master (clientId null) or a viewer, valid for 299 s like the JS SDK's. */
    public URI presign(String channelArn, String clientId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("X-Amz-ChannelARN", channelArn);
        if (clientId != null) {
            params.put("X-Amz-ClientId", clientId);
        }
        return presigner.presign(wssEndpoint.get(), params, clock.instant(), 299);
    }

    private static void requireMethod(String method, String expected, String path) {
        if (!method.equals(expected)) {
            throw new ApiException(405, "MethodNotAllowedException", ApiException.FRONTEND_NS,
                    path + " accepts " + expected + " only", false);
        }
    }
}
