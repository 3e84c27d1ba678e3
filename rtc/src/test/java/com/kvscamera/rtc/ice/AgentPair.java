package com.kvscamera.rtc.ice;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Two of our agents wired by trickle, optionally through an address rewrite (the impaired link). */
final class AgentPair {
    static final long DEADLINE_MS = 20_000;

    static CompletableFuture<IceState> await(IceAgent agent, IceState wanted) {
        CompletableFuture<IceState> f = new CompletableFuture<>();
        agent.onStateChange(s -> { if (s == wanted) f.complete(s); });
        if (agent.state() == wanted) f.complete(wanted);
        return f;
    }

    static void connect(IceAgent controlling, IceAgent controlled, UnaryOperator<IceCandidate> toControlled,
                        UnaryOperator<IceCandidate> toControlling) throws Exception {
        controlling.setRemoteCredentials(controlled.localUfrag(), controlled.localPwd());
        controlled.setRemoteCredentials(controlling.localUfrag(), controlling.localPwd());
        controlling.startGathering(c -> controlled.addRemoteCandidate(toControlled.apply(c).toSdpAttribute()));
        controlled.startGathering(c -> controlling.addRemoteCandidate(toControlling.apply(c).toSdpAttribute()));
    }

    static IceCandidate rewrite(IceCandidate c, InetSocketAddress to) {
        return new IceCandidate(c.foundation(), c.component(), c.transport(), c.priority(),
                to.getAddress().getHostAddress(), to.getPort(), c.type(), null, 0, null);
    }

    static int hostPort(IceAgent a) throws Exception {
        return a.gatherAll(java.time.Duration.ofSeconds(2)).get(5, TimeUnit.SECONDS).get(0).port();
    }

    private AgentPair() {}
}
