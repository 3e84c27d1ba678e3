package com.kvscamera.rtc.turn;

import static org.junit.jupiter.api.Assertions.*;

import com.kvscamera.rtc.ice.IceServerUri;
import com.kvscamera.rtc.net.UdpEndpoint;
import com.kvscamera.rtc.stun.StunAttr;
import com.kvscamera.rtc.stun.StunDecoder;
import com.kvscamera.rtc.stun.StunMessage;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 8656 §12: once the client has sent ChannelBind, the server may relay the peer's data as ChannelData
 * before the success response arrives (UDP reorders; coturn relays as soon as it has bound). That data is
 * the peer's, and must not be dropped. A scripted server makes the worst order happen every time.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TurnChannelDataOrderingTest {

    @Test
    void channelDataThatOvertakesTheChannelBindResponseIsDelivered() throws Exception {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40_000);
        LinkedBlockingQueue<String> delivered = new LinkedBlockingQueue<>();
        UdpEndpoint[] server = new UdpEndpoint[1];
        server[0] = UdpEndpoint.bind("127.0.0.1", 0, 0, "fake-turn", (d, len, from) -> {
            try {
                StunMessage req = StunDecoder.decode(d, 0, len);
                StunMessage ok = StunMessage.response(req, true);
                if (req.method() == StunMessage.ALLOCATE) {
                    ok.addXorAddress(StunAttr.XOR_RELAYED_ADDRESS, new InetSocketAddress("127.0.0.1", 50_000))
                            .addXorAddress(StunAttr.XOR_MAPPED_ADDRESS, from).addInt(StunAttr.LIFETIME, 600);
                } else if (req.method() == StunMessage.CHANNEL_BIND) {
                    int ch = (int) (req.get(StunAttr.CHANNEL_NUMBER).asUnsignedInt() >>> 16);
                    byte[] payload = "from the peer".getBytes();
                    byte[] frame = new byte[4 + payload.length];
                    frame[0] = (byte) (ch >>> 8);
                    frame[1] = (byte) ch;
                    frame[3] = (byte) payload.length;
                    System.arraycopy(payload, 0, frame, 4, payload.length);
                    server[0].send(frame, 0, frame.length, from); // the data first, the response after it
                }
                byte[] w = ok.encode(null, false);
                server[0].send(w, 0, w.length, from);
            } catch (Exception e) {
                // indications (Send) are not answered; anything else fails the test by not being answered
            }
        });
        try (UdpEndpoint s = server[0];
             TurnClient turn = new TurnClient(IceServerUri.parse("turn:127.0.0.1:" + s.localAddress().getPort()),
                     () -> new TurnClient.Credentials("user", "pass"), null, Clock.systemUTC(), timers,
                     Duration.ofSeconds(3), new TurnClient.Listener() {
                         @Override public void onData(InetSocketAddress from, byte[] d, int off, int len) {
                             delivered.add(from + " " + new String(d, off, len));
                         }
                         @Override public void onFailure(TurnException reason) { }
                     })) {
            turn.allocate().get(5, TimeUnit.SECONDS);
            byte[] msg = "to the peer".getBytes();
            turn.send(msg, 0, msg.length, peer); // a Send indication, which also starts the ChannelBind

            assertEquals(peer + " from the peer", delivered.poll(5, TimeUnit.SECONDS));
            assertEquals(0, turn.droppedPackets(), "nothing the server relayed was dropped");
        } finally {
            timers.shutdownNow();
        }
    }
}
