package com.kvscamera.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SessionLoopTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService exec = SessionLoop.thread("peer", "a-client-id-that-is-longer-than-24-characters");
    private final List<String> released = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final SessionLoop loop = new SessionLoop("viewer-1", exec, reason -> {
        released.add(reason + " on " + Thread.currentThread().getName());
        ended.countDown();
    });

    @AfterEach
    void stop() {
        timers.shutdownNow();
        exec.shutdownNow();
    }

    @Test
    void releasesOnceOnTheLoopWithTheFirstReasonAndDropsLaterWork() throws Exception {
        loop.close("viewer left");
        loop.close("shutdown");
        assertTrue(ended.await(5, TimeUnit.SECONDS));
        loop.execute(() -> released.add("work after close"));
        assertTrue(exec.awaitTermination(5, TimeUnit.SECONDS), "the loop's thread ends after the release");
        assertEquals(List.of("viewer left on peer-a-client-id-that-is-long"), released);
        assertTrue(loop.closing());
    }

    @Test
    void aFailingTaskClosesTheSessionAndItsHeldTimersAreCancelled() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
        loop.execute(() -> {
            timer[0] = timers.schedule(() -> released.add("timer fired"), 1, TimeUnit.HOURS);
            loop.hold(timer[0]);
            held.countDown();
        });
        assertTrue(held.await(5, TimeUnit.SECONDS));
        loop.execute(() -> {
            throw new IllegalStateException("bad offer state");
        });
        assertTrue(ended.await(5, TimeUnit.SECONDS));
        assertEquals(1, released.size());
        assertTrue(released.get(0).startsWith("internal error: java.lang.IllegalStateException: bad offer state"),
                released.get(0));
        assertTrue(timer[0].isCancelled());
    }

    @Test
    void closingWhenTheLoopNoLongerTakesWorkReleasesInline() {
        exec.shutdown();
        loop.close("agent stopping");
        assertEquals(List.of("agent stopping on " + Thread.currentThread().getName()), released);
    }
}
