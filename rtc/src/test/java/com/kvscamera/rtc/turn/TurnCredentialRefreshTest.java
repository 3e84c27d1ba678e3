package com.kvscamera.rtc.turn;

import static org.junit.jupiter.api.Assertions.*;

import com.kvscamera.rtc.ice.IceServerUri;
import com.kvscamera.rtc.net.UdpEndpoint;
import com.kvscamera.rtc.stun.StunAttr;
import com.kvscamera.rtc.stun.StunDecoder;
import com.kvscamera.rtc.stun.StunIntegrity;
import com.kvscamera.rtc.stun.StunMessage;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Credentials that expire during a long allocation. coturn checks credentials only at Allocate
 * (coturn#774), so this uses a minimal server that, like stricter TURN servers, answers 401 to a Refresh
 * signed with expired credentials.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TurnCredentialRefreshTest {
    private static final Map<String, String> PASSWORDS = Map.of("old", "pw-old", "fresh", "pw-fresh");
    private ScheduledExecutorService timers;
    private UdpEndpoint server;
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        timers = Executors.newScheduledThreadPool(1);
        UdpEndpoint[] self = new UdpEndpoint[1];
        server = UdpEndpoint.bind("127.0.0.1", 0, 0, "fake-turn", (d, len, from) -> {
            try {
                StunMessage m = StunDecoder.decode(d, 0, len);
                String user = m.getString(StunAttr.USERNAME);
                StunMessage r;
                byte[] key = null;
                if (user == null) {
                    r = StunMessage.response(m, false).addErrorCode(401, "Unauthorized")
                            .addString(StunAttr.REALM, "fake").addString(StunAttr.NONCE, "nonce-1");
                } else {
                    key = StunIntegrity.longTermKey(user, "fake", PASSWORDS.getOrDefault(user, "?"));
                    boolean valid = m.checkIntegrity(key);
                    boolean allowed = m.method() == StunMessage.ALLOCATE ? user.equals("old") : user.equals("fresh");
                    if (valid && allowed) {
                        r = StunMessage.response(m, true).addInt(StunAttr.LIFETIME, 600);
                        if (m.method() == StunMessage.ALLOCATE) {
                            r.addXorAddress(StunAttr.XOR_RELAYED_ADDRESS, new InetSocketAddress("127.0.0.1", 40000))
                                    .addXorAddress(StunAttr.XOR_MAPPED_ADDRESS, from);
                        }
                        accepted.add(m.method() + ":" + user);
                    } else {
                        key = null;
                        r = StunMessage.response(m, false).addErrorCode(401, "Unauthorized")
                                .addString(StunAttr.REALM, "fake").addString(StunAttr.NONCE, "nonce-2");
                    }
                }
                byte[] w = r.encode(key, true);
                self[0].send(w, 0, w.length, from);
            } catch (Exception e) {
                // a broken request gets no answer, as from a real server
            }
        });
        self[0] = server;
    }

    @AfterEach
    void stop() {
        server.close();
        timers.shutdownNow();
    }

    private TurnClient client(ArrayDeque<TurnClient.Credentials> supply, CompletableFuture<TurnException> failure) {
        return new TurnClient(IceServerUri.parse("turn:127.0.0.1:" + server.localAddress().getPort()),
                supply::poll, null, Clock.systemUTC(), timers, Duration.ofSeconds(3), new TurnClient.Listener() {
                    @Override public void onData(InetSocketAddress peer, byte[] d, int off, int len) { }
                    @Override public void onFailure(TurnException reason) { failure.complete(reason); }
                });
    }

    @Test
    void expiredCredentialsAreReplacedFromTheSupplierOnRefresh() throws Exception {
        ArrayDeque<TurnClient.Credentials> supply = new ArrayDeque<>(List.of(
                new TurnClient.Credentials("old", "pw-old"), new TurnClient.Credentials("fresh", "pw-fresh")));
        CompletableFuture<TurnException> failure = new CompletableFuture<>();
        try (TurnClient turn = client(supply, failure)) {
            turn.allocate().get(5, TimeUnit.SECONDS);
            turn.refresh();
            long deadline = System.currentTimeMillis() + 5000;
            while (!accepted.contains(StunMessage.REFRESH + ":fresh") && System.currentTimeMillis() < deadline) Thread.sleep(10);
            assertEquals(List.of(StunMessage.ALLOCATE + ":old", StunMessage.REFRESH + ":fresh"), accepted);
            assertFalse(failure.isDone());
        }
    }

    @Test
    void noFreshCredentialsFailsTheAllocationClearly() throws Exception {
        ArrayDeque<TurnClient.Credentials> supply = new ArrayDeque<>(List.of(new TurnClient.Credentials("old", "pw-old")));
        CompletableFuture<TurnException> failure = new CompletableFuture<>();
        try (TurnClient turn = client(supply, failure)) {
            turn.allocate().get(5, TimeUnit.SECONDS);
            long before = turn.requestTransmissions();
            turn.refresh();
            TurnException e = failure.get(5, TimeUnit.SECONDS);
            assertEquals(401, e.code());
            assertTrue(e.getMessage().contains("rejected the credentials of user 'old'"), e.getMessage());
            assertFalse(e.getMessage().contains("pw-old"));
            assertEquals(1, turn.requestTransmissions() - before, "one refused Refresh, no retry storm");
            assertThrows(java.io.IOException.class, () -> turn.send(new byte[4], 0, 4, new InetSocketAddress("127.0.0.1", 9)));
        }
    }
}
