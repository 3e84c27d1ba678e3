package com.kvscamera.agent.signaling;

import com.kvscamera.agent.kvs.ChannelEndpoints;
import com.kvscamera.agent.kvs.ControlPlaneClient;
import com.kvscamera.agent.kvs.IceConfig;
import com.kvscamera.agent.kvs.IceConfigClient;
import com.kvscamera.agent.kvs.IceConfigHolder;
import com.kvscamera.agent.kvs.KvsAuth;
import com.kvscamera.agent.kvs.KvsCallException;
import com.kvscamera.agent.kvs.Outcome;
import java.net.URI;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The work of each step before CONNECTED (describe, create, endpoints, ICE, presign), with the discovered
 * channel ARN and endpoints as a cache. Blocking calls run on {@code io}; results come back on {@code control}
 * tagged with the step's generation. The cache is changed on the control thread only.
 */
final class DiscoverySteps {
    private static final Logger LOG = Logger.getLogger(DiscoverySteps.class.getName());

    /** Where step results go (called on the control thread). */
    interface Results {
        void stepDone(long gen, Outcome outcome, String detail);

        void presigned(long gen, URI url);
    }

    private final SignalingOptions opts;
    private final KvsAuth auth;
    private final ControlPlaneClient controlPlane;
    private final IceConfigClient iceClient;
    private final Executor control;
    private final Executor io;
    private IceConfigHolder ice;
    private String channelArn;
    private volatile ChannelEndpoints endpoints;
    /** The channel the holder's configuration was last fetched for; null after a 404 invalidated it. */
    private volatile String iceArn;

    DiscoverySteps(SignalingOptions opts, KvsAuth auth, ControlPlaneClient controlPlane, IceConfigClient iceClient,
                   Executor control, Executor io) {
        this.opts = opts;
        this.auth = auth;
        this.controlPlane = controlPlane;
        this.iceClient = iceClient;
        this.control = control;
        this.io = io;
        this.channelArn = opts.channelArn();
    }

    void ice(IceConfigHolder holder) {
        this.ice = holder;
    }

    ChannelEndpoints endpoints() {
        return endpoints;
    }

    /**
     * Forget the endpoints (GO_AWAY, 404, repeated connect failure); with {@code channelToo} (a 404) also a described
     * ARN and the ICE configuration's claim to be current, so GET_ICE_CONFIG fetches anew (TURN credentials are
     * issued per channel).
     */
    void invalidate(boolean channelToo) {
        endpoints = null;
        if (channelToo) {
            iceArn = null;
            if (opts.channelArn() == null) {
                channelArn = null;
            }
        }
    }

    void run(LinkState s, long gen, Results results) {
        switch (s) {
            case DESCRIBE -> {
                if (channelArn != null) {
                    results.stepDone(gen, Outcome.OK, null);
                } else {
                    blocking(gen, results, () -> {
                        String arn = controlPlane.describeChannel(opts.channelName());
                        control.execute(() -> channelArn = arn);
                    });
                }
            }
            case CREATE -> blocking(gen, results, () -> {
                String arn = controlPlane.createChannel(opts.channelName());
                LOG.info(() -> "created signaling channel '" + opts.channelName() + "' " + arn);
            });
            case GET_ENDPOINT -> {
                if (endpoints != null && endpoints.channelArn().equals(channelArn)) {
                    results.stepDone(gen, Outcome.OK, null);
                } else {
                    String arn = channelArn;
                    blocking(gen, results, () -> endpoints = controlPlane.getMasterEndpoints(arn));
                }
            }
            case GET_ICE_CONFIG -> {
                if (ice.hasValid(opts.iceRefreshGrace()) && channelArn.equals(iceArn)) {
                    results.stepDone(gen, Outcome.OK, null);
                } else {
                    blocking(gen, results, () -> ice.install(fetchIce()));
                }
            }
            case CONNECT -> {
                ChannelEndpoints ep = endpoints;
                String arn = channelArn;
                io.execute(() -> {
                    try {
                        URI url = auth.presignConnect(ep.wss(), arn);
                        control.execute(() -> results.presigned(gen, url));
                    } catch (KvsCallException e) {
                        control.execute(() -> results.stepDone(gen, e.outcome(), e.getMessage()));
                    } catch (RuntimeException e) {
                        control.execute(() -> results.stepDone(gen, Outcome.FATAL, "presign failed: " + e));
                    }
                });
            }
            default -> { }
        }
    }

    /** GetIceServerConfig on the current endpoints. Blocking, any thread. */
    IceConfig fetchIce() throws KvsCallException {
        return fetchIce(endpoints);
    }

    /** GetIceServerConfig on {@code ep} (null: not discovered yet). Blocking, any thread. */
    IceConfig fetchIce(ChannelEndpoints ep) throws KvsCallException {
        if (ep == null) {
            throw new KvsCallException("GetIceServerConfig", Outcome.TRANSIENT, 0, null, "no endpoint yet", null, null);
        }
        IceConfig fresh = iceClient.fetch(ep.https(), ep.channelArn(), opts.clientId());
        iceArn = ep.channelArn();
        return fresh;
    }

    private interface Blocking {
        void run() throws KvsCallException;
    }

    private void blocking(long gen, Results results, Blocking work) {
        io.execute(() -> {
            try {
                work.run();
                control.execute(() -> results.stepDone(gen, Outcome.OK, null));
            } catch (KvsCallException e) {
                control.execute(() -> results.stepDone(gen, e.outcome(), e.getMessage()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "unexpected failure in signaling step", e);
                control.execute(() -> results.stepDone(gen, Outcome.FATAL, String.valueOf(e)));
            }
        });
    }
}
