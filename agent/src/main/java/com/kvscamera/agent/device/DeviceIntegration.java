package com.kvscamera.agent.device;

import com.kvscamera.agent.config.DeviceConfig;
import com.kvscamera.agent.media.Scheduler;
import com.kvscamera.agent.media.Ticker;
import com.kvscamera.agent.session.SessionEvent;
import com.kvscamera.agent.signaling.SignalingEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's device side: systemd notifications (READY, STATUS, STOPPING; the watchdog through
 * {@link #scheduleWatchdog}), the status LED and the privacy switch. Agent events arrive on any thread and are handed
 * to the {@code device-events} executor, which alone owns the state, the LED and the switch.
 */
public final class DeviceIntegration implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeviceIntegration.class.getName());

    private final DeviceConfig config;
    private final Notifier notifier;
    private final Optional<Duration> watchdogInterval;
    private final PrivacyControl privacy;
    private final Scheduler scheduler;
    private final Runnable stopScheduler;
    private final Optional<Gpio> gpio;

    // owned by the device executor
    private final StatusLed led;
    private final PrivacySwitch privacySwitch;
    private final Set<String> streaming = new HashSet<>();
    private boolean ready;
    private boolean closed;
    private String lastStatus;
    private volatile AgentState state;
    private final AtomicBoolean stoppingSent = new AtomicBoolean();

    DeviceIntegration(DeviceConfig config, Notifier notifier, Optional<Duration> watchdogInterval,
                      Function<DeviceConfig, Optional<Gpio>> gpioOpener, PrivacyControl privacy,
                      Scheduler scheduler, Runnable stopScheduler) {
        this.config = Objects.requireNonNull(config, "config");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.watchdogInterval = config.watchdog() ? watchdogInterval : Optional.empty();
        this.privacy = Objects.requireNonNull(privacy, "privacy");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.stopScheduler = stopScheduler;
        boolean wanted = config.statusLed().pin() != null || config.privacySwitch().pin() != null;
        this.gpio = wanted ? gpioOpener.apply(config) : Optional.empty();
        StatusLed l = null;
        PrivacySwitch p = null;
        if (gpio.isPresent()) {
            Gpio g = gpio.get();
            try {
                if (config.statusLed().pin() != null) {
                    // an active-low LED is dark when the line is high: start and end there
                    boolean activeLow = config.statusLed().activeLow();
                    l = new StatusLed(g.output(config.statusLed().pin(), "status-led", activeLow), activeLow, scheduler);
                }
                DeviceConfig.PrivacySwitch ps = config.privacySwitch();
                if (ps.pin() != null) {
                    InputLine in = g.input(ps.pin(), "privacy-switch", ps.activeLow());
                    PrivacySwitch sw = new PrivacySwitch(in.high(), ps.activeLow(), ps.debounce(), scheduler,
                            this::privacyChanged);
                    in.onChange(level -> post(() -> sw.level(level)));
                    p = sw;
                }
            } catch (RuntimeException e) {
                LOG.warning("GPIO line could not be set up (" + e.getMessage() + "): status LED and privacy switch"
                        + " disabled");
                l = null;
                p = null;
            }
        }
        this.led = l;
        this.privacySwitch = p;
        boolean privacyAtStart = p != null && p.on();
        this.state = AgentState.initial(privacyAtStart);
        if (privacyAtStart) {
            LOG.info("privacy switch is on at start (GPIO " + config.privacySwitch().pin() + "): offers refused");
            privacy.setPrivacy(true);
        }
        post(this::publish);
    }

    /** Opens GPIO when pins are configured and notifies systemd when NOTIFY_SOCKET is set. */
    public static DeviceIntegration start(DeviceConfig config, Map<String, String> env, PrivacyControl privacy) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "device-events");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        // pending LED steps are dropped at shutdown; the final "LED off" task (no delay) still runs
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        Runnable stop = () -> {
            executor.shutdown();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            return new DeviceIntegration(config, SdNotify.fromEnvironment(env),
                    WatchdogSettings.pingInterval(env, ProcessHandle.current().pid()),
                    c -> GpioAccess.open(Path.of("/dev"), System.getProperty("os.arch"), Pi4jGpio::gpiod),
                    privacy, Scheduler.of(executor), stop);
        } catch (RuntimeException | Error e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /** A signaling listener ({@code SignalingMaster.addListener(device::onSignaling)}). */
    public void onSignaling(SignalingEvent e) {
        post(() -> {
            AgentState s = state;
            if (e instanceof SignalingEvent.Connected) {
                state = s.withLink(AgentState.Link.CONNECTED, "");
            } else if (e instanceof SignalingEvent.Reconnecting r) {
                state = s.withLink(AgentState.Link.RECONNECTING, r.reason());
            } else if (e instanceof SignalingEvent.Disconnected d) {
                state = s.withLink(AgentState.Link.DISCONNECTED, d.reason());
            } else if (e instanceof SignalingEvent.Problem p) {
                if (s.link() != AgentState.Link.CONNECTED) state = s.withLink(AgentState.Link.DISCONNECTED, p.message());
            } else if (e instanceof SignalingEvent.Stopped) {
                state = s.withLink(AgentState.Link.STOPPED, "");
            }
            publish();
        });
    }

    /** A session listener ({@code SessionManager.addListener(device::onSession)}). */
    public void onSession(SessionEvent e) {
        post(() -> {
            boolean changed = switch (e.kind()) {
                case SESSION_CONNECTED -> streaming.add(e.clientId());
                case SESSION_CLOSED -> streaming.remove(e.clientId());
                default -> false;
            };
            if (changed) {
                state = state.withViewers(streaming.size());
                publish();
            }
        });
    }

    /** Half of WATCHDOG_USEC when systemd expects pings for this process and {@code device.watchdog} is true. */
    public Optional<Duration> watchdogInterval() {
        return watchdogInterval;
    }

    /**
     * Schedules the watchdog tick on {@code control}, which must be the signaling control thread's scheduler (see
     * {@link WatchdogPing}); does nothing when no watchdog applies.
     *
     * @param framesDelivered the capture's picture counter
     */
    public Optional<ScheduledFuture<?>> scheduleWatchdog(ScheduledExecutorService control, LongSupplier framesDelivered,
                                                         Ticker ticker) {
        if (watchdogInterval.isEmpty()) return Optional.empty();
        long every = watchdogInterval.get().toNanos();
        WatchdogPing ping = new WatchdogPing(notifier, framesDelivered, ticker, WatchdogPing.CAPTURE_STALL_LIMIT);
        LOG.fine(() -> "systemd watchdog: pinging every " + watchdogInterval.get().toMillis() + " ms");
        return Optional.of(control.scheduleAtFixedRate(ping::tick, 0, every, TimeUnit.NANOSECONDS));
    }

    /** The latest state (read from any thread). */
    public AgentState state() {
        return state;
    }

    /** Whether the status LED and/or privacy switch are in use. */
    public boolean gpioInUse() {
        return led != null || privacySwitch != null;
    }

    private void privacyChanged(boolean on) {
        LOG.info("privacy switch turned " + (on ? "on" : "off") + " (GPIO " + config.privacySwitch().pin() + ")");
        privacy.setPrivacy(on);
        if (on) streaming.clear();
        state = state.withPrivacy(on);
        publish();
    }

    private void publish() {
        if (closed) return;
        AgentState s = state;
        if (led != null) led.show(s.led());
        if (stoppingSent.get()) return; // systemd has heard STOPPING=1; nothing after it
        String status = s.status();
        StringBuilder msg = new StringBuilder();
        if (!ready && s.link() == AgentState.Link.CONNECTED) {
            ready = true;
            msg.append("READY=1\n");
        }
        if (!status.equals(lastStatus)) {
            lastStatus = status;
            msg.append("STATUS=").append(status);
        }
        if (msg.length() > 0) notifier.send(msg.toString());
    }

    private void post(Runnable task) {
        try {
            scheduler.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "device event failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed: the LED is off and systemd knows the agent is stopping
        }
    }

    /** Tells systemd at once that the agent is stopping (first thing on shutdown); sent once. */
    public void stopping() {
        if (stoppingSent.compareAndSet(false, true)) notifier.send("STOPPING=1\nSTATUS=stopping");
    }

    /** {@link #stopping()}, then the LED off and the GPIO lines released on the device executor. */
    @Override
    public void close() {
        stopping();
        post(() -> {
            closed = true;
            if (led != null) led.show(LedPattern.OFF);
            gpio.ifPresent(Gpio::close);
        });
        if (stopScheduler != null) stopScheduler.run();
    }
}
