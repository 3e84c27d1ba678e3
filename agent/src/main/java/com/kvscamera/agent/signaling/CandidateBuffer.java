package com.kvscamera.agent.signaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Candidates that arrive before their client's offer (KVS does not order them; the JS SDK and C samples buffer
 * too). Kept per client id for {@code ttl} (20 s, as the C samples do), bounded in clients and per client.
 * Confined to the control thread.
 */
final class CandidateBuffer {
    static final int MAX_CLIENTS = 64;
    static final int MAX_PER_CLIENT = 64;

    private record Held(Inbound.Candidate candidate, Instant at) {}

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, ArrayDeque<Held>> byClient = new LinkedHashMap<>();

    CandidateBuffer(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    void hold(Inbound.Candidate c) {
        purge();
        ArrayDeque<Held> q = byClient.get(c.senderClientId());
        if (q == null) {
            if (byClient.size() >= MAX_CLIENTS) {
                Iterator<String> oldest = byClient.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            q = new ArrayDeque<>();
            byClient.put(c.senderClientId(), q);
        }
        if (q.size() >= MAX_PER_CLIENT) {
            q.poll();
        }
        q.add(new Held(c, clock.instant()));
    }

    /** The still-fresh candidates of {@code clientId}, in arrival order; forgets them. */
    List<Inbound.Candidate> release(String clientId) {
        purge();
        ArrayDeque<Held> q = byClient.remove(clientId);
        List<Inbound.Candidate> out = new ArrayList<>();
        if (q != null) {
            q.forEach(h -> out.add(h.candidate()));
        }
        return out;
    }

    int size() {
        return byClient.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    private void purge() {
        Instant cutoff = clock.instant().minus(ttl);
        for (Iterator<ArrayDeque<Held>> it = byClient.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Held> q = it.next();
            while (!q.isEmpty() && q.peek().at().isBefore(cutoff)) {
                q.poll();
            }
            if (q.isEmpty()) {
                it.remove();
            }
        }
    }
}
