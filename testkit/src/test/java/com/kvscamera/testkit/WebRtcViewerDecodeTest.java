package com.kvscamera.testkit;

import static org.junit.jupiter.api.Assertions.*;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The viewer's decode path against a libwebrtc camera (raw I420 in, libwebrtc encodes): frames are counted at
 * the size that was sent, with every frame released.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebRtcViewerDecodeTest {

    @Test
    void decodesFramesFromALibwebrtcCamera() throws Exception {
        PeerConnectionFactory factory = SharedPeerConnectionFactory.acquire();
        CompletableFuture<Void> camGathered = new CompletableFuture<>();
        RTCPeerConnection cam = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override public void onIceCandidate(RTCIceCandidate c) { }
            @Override public void onIceGatheringChange(RTCIceGatheringState s) {
                if (s == RTCIceGatheringState.COMPLETE) camGathered.complete(null);
            }
        });
        CustomVideoSource source = new CustomVideoSource();
        cam.addTrack(factory.createVideoTrack("cam-video", source), List.of("cam"));
        Thread pusher = null;
        try (WebRtcViewer viewer = new WebRtcViewer(WebRtcViewer.Options.videoOnly())) {
            String offer = viewer.createOffer(true, Duration.ofSeconds(2));
            CompletableFuture<Void> srd = new CompletableFuture<>();
            cam.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer), done(srd));
            srd.get(10, TimeUnit.SECONDS);
            CompletableFuture<RTCSessionDescription> answer = new CompletableFuture<>();
            cam.createAnswer(new RTCAnswerOptions(), new CreateSessionDescriptionObserver() {
                @Override public void onSuccess(RTCSessionDescription d) { answer.complete(d); }
                @Override public void onFailure(String e) { answer.completeExceptionally(new IllegalStateException(e)); }
            });
            CompletableFuture<Void> sld = new CompletableFuture<>();
            cam.setLocalDescription(answer.get(10, TimeUnit.SECONDS), done(sld));
            sld.get(10, TimeUnit.SECONDS);
            try {
                camGathered.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // use what is gathered
            }
            long t0 = System.nanoTime();
            viewer.applyAnswer(cam.getLocalDescription().sdp);
            pusher = new Thread(() -> push(source), "test-frame-pusher");
            pusher.start();
            assertTrue(viewer.awaitFrames(15, Duration.ofSeconds(20)), "frames decoded: " + viewer.framesDecoded());
            System.out.printf("libwebrtc camera -> viewer: 15 frames decoded %.1f ms after the answer%n", (System.nanoTime() - t0) / 1e6);
            assertEquals(320, viewer.frameWidth());
            assertEquals(240, viewer.frameHeight());
            assertEquals("connected", viewer.transportIceState());
            assertTrue(viewer.awaitConnected(Duration.ofSeconds(5)), "DTLS with a libwebrtc camera completes: " + viewer.connectionState());
            var ice = viewer.iceConnectionState();
            assertTrue(ice == dev.onvoid.webrtc.RTCIceConnectionState.CONNECTED
                    || ice == dev.onvoid.webrtc.RTCIceConnectionState.COMPLETED, "ICE " + ice);
        } finally {
            if (pusher != null) {
                pusher.interrupt();
                pusher.join(2000);
            }
            cam.close();
            SharedPeerConnectionFactory.release();
        }
    }

    private static void push(CustomVideoSource source) {
        int n = 0;
        while (!Thread.currentThread().isInterrupted()) {
            NativeI420Buffer buf = NativeI420Buffer.allocate(320, 240);
            ByteBuffer y = buf.getDataY();
            for (int i = 0; i < y.capacity(); i++) y.put(i, (byte) ((i + n * 4) & 0xFF)); // moving gradient
            VideoFrame frame = new VideoFrame(buf, System.nanoTime());
            source.pushFrame(frame);
            frame.release();
            n++;
            try {
                Thread.sleep(33);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static SetSessionDescriptionObserver done(CompletableFuture<Void> f) {
        return new SetSessionDescriptionObserver() {
            @Override public void onSuccess() { f.complete(null); }
            @Override public void onFailure(String e) { f.completeExceptionally(new IllegalStateException(e)); }
        };
    }
}
