package io.batos.net;

import io.batos.image.ImageException;
import io.batos.kernel.Kernel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZAuth;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The image on the wire: a ROUTER socket answering JSON requests from many clients, and a PUB
 * socket publishing live events (DESIGN §10).
 *
 * <p><b>Threads.</b> One socket thread owns the ROUTER: it reads every message, answers
 * {@code ping} (and anything malformed) itself, and hands every other request to a {@link Lane}
 * — quick operations to a small pool, at most one per client at a time (so a client's quick
 * requests run in order); operations that may run methods, and so start a cognitive cycle and wait
 * minutes for it, to a pool of their own, at most a few per client. Workers never touch a socket:
 * they pass replies back through a {@link ReplyPipe} that the socket thread polls beside the
 * ROUTER and forwards. So a cycle never holds up a ping, a flood from one client waits its turn
 * behind everyone else, and ZMQ's sockets stay on one thread each. The PUB socket has a thread of
 * its own ({@link EventForwarder}).
 *
 * <p><b>Bad input.</b> A frame larger than the limit makes ZMQ drop the peer's connection before
 * the bytes are kept; frames fitting neither DEALER nor REQ framing are dropped and counted;
 * everything else that is wrong gets an error reply. Replies go out without ever blocking: one that
 * cannot be delivered (the client left or stopped reading) is dropped and counted.
 * {@link #stats()} shows every counter.
 *
 * <p><b>Security.</b> Binding beyond loopback requires CURVE; with a key directory both sockets
 * are CURVE servers and a ZAP handler ({@link ZAuth}) admits only the client keys in its
 * allow-list ({@link CurveKeys}).
 *
 * <p><b>Closing</b> stops reading requests, refuses those still waiting, waits a grace period for
 * running ones to reply, then closes the sockets, the threads, the ZAP handler and the context, in
 * that order. The kernel's vessel — the image — is the caller's to close, after this.
 */
public final class ImageServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ImageServer.class.getName());
    private static final byte QUICK = 0;
    private static final byte SLOW = 1;
    /** Messages read from the ROUTER before replies get their turn again. */
    private static final int READ_BATCH = 256;
    /** Frames kept from one message: identity, maybe a delimiter, the payload. More means bad framing. */
    private static final int MAX_FRAMES = 3;
    private static final long GRACE_MILLIS = 5_000;
    /** The longest the socket thread sleeps before looking at its sockets again. */
    private static final int WAKE_MILLIS = 100;
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final ServerOptions options;
    private final Operations ops;
    private final ServerStats stats = new ServerStats();
    private final ZContext context;
    private final ZAuth auth;
    private final ZMQ.Socket router;
    private final ReplyPipe pipe;
    private final EventForwarder events;
    private final ExecutorService quickThreads;
    private final ExecutorService slowThreads;
    private final Lane quick;
    private final Lane slow;
    private final String endpoint;
    private final String eventsEndpoint;
    private final Thread socketThread;
    private boolean closed;

    private ImageServer(Kernel kernel, ServerOptions options) {
        this.options = options;
        this.ops = new Operations(kernel);
        int n = SERVERS.incrementAndGet();
        CurveKeys.KeyPair serverKeys = options.curveKeys() == null ? null : CurveKeys.load(options.curveKeys(),
                CurveKeys.SERVER);
        this.context = new ZContext(1);
        ZAuth zap = null;
        ZMQ.Socket bound = null;
        ZMQ.Socket pub = null;
        ReplyPipe replies = null;
        try {
            if (serverKeys != null) {
                zap = new ZAuth(context);
                zap.configureCurve(CurveKeys.clients(options.curveKeys()).toAbsolutePath().toString());
            }
            bound = context.createSocket(SocketType.ROUTER);
            bound.setRouterMandatory(true);
            bound.setMaxMsgSize(options.maxMessageBytes());
            secure(bound, serverKeys);
            bind(bound, options.bind());
            pub = EventForwarder.socket(context);
            secure(pub, serverKeys);
            bind(pub, options.events());
            replies = new ReplyPipe(context, "batos-replies-" + n);
        } catch (RuntimeException e) {
            if (zap != null) {
                zap.close();
            }
            context.close();
            throw e;
        }
        this.auth = zap;
        this.router = bound;
        this.pipe = replies;
        this.endpoint = bound.getLastEndpoint();
        this.eventsEndpoint = pub.getLastEndpoint();
        this.quickThreads = pool("batos-net-quick-", options.quickWorkers());
        this.slowThreads = pool("batos-net-slow-", options.slowWorkers());
        this.quick = new Lane(quickThreads, options.quickWorkers(), 1, options.queuedPerClient());
        this.slow = new Lane(slowThreads, options.slowWorkers(), options.slowPerClient(), options.queuedPerClient());
        this.events = new EventForwarder(pub, kernel.vessel().events(), stats);
        this.socketThread = new Thread(this::serve, "batos-net-socket");
        socketThread.setDaemon(true);
        socketThread.start();
    }

    /**
     * Binds both sockets and starts serving {@code kernel}.
     *
     * @throws ImageException USAGE when an endpoint is beyond loopback and no CURVE keys are given,
     *                        NOT_FOUND when the key directory lacks the server's pair, ERROR when
     *                        an endpoint cannot be bound (in use, no such interface)
     */
    public static ImageServer start(Kernel kernel, ServerOptions options) {
        if (!options.loopbackOnly() && options.curveKeys() == null) {
            throw new ImageException(ImageException.Code.USAGE, refusal(options));
        }
        return new ImageServer(kernel, options);
    }

    /** Why an unsecured server may not bind where it was asked to (one line). */
    public static String refusal(ServerOptions options) {
        String where = Endpoints.isLoopback(options.bind()) ? options.events() : options.bind();
        return where + " is reachable from other machines, so it needs CURVE: --curve-keys DIR holding "
                + CurveKeys.SERVER + CurveKeys.SECRET_SUFFIX + " and the allowed client keys in " + CurveKeys.CLIENTS
                + "/ (`batos keys generate DIR` makes the server's pair)";
    }

    private static void secure(ZMQ.Socket socket, CurveKeys.KeyPair keys) {
        if (keys == null) {
            return;
        }
        socket.setZAPDomain("batos");
        socket.setCurveServer(true);
        socket.setCurvePublicKey(keys.publicBytes());
        socket.setCurveSecretKey(keys.secretBytes());
    }

    private static void bind(ZMQ.Socket socket, String endpoint) {
        try {
            socket.bind(endpoint);
        } catch (ZMQException | IllegalArgumentException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot bind " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private static ExecutorService pool(String prefix, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The request endpoint as bound (a wildcard port resolved). */
    public String endpoint() {
        return endpoint;
    }

    /** The event endpoint as bound. */
    public String eventsEndpoint() {
        return eventsEndpoint;
    }

    /** Whether clients must speak CURVE. */
    public boolean curve() {
        return auth != null;
    }

    public ServerOptions options() {
        return options;
    }

    public ServerStats stats() {
        return stats;
    }

    /** The operations this server answers, in protocol order. */
    public List<String> operations() {
        return ops.names();
    }

    // ---- the socket thread ----------------------------------------------------------------------

    private void serve() {
        ZMQ.Poller poller = context.createPoller(2);
        int routerIndex = poller.register(router, ZMQ.Poller.POLLIN);
        int pipeIndex = poller.register(pipe.pull(), ZMQ.Poller.POLLIN);
        boolean stopping = false;
        long deadline = Long.MAX_VALUE;
        try {
            while (true) {
                if (stopping && (quick.running() + slow.running() == 0 || System.nanoTime() > deadline)) {
                    break;
                }
                // Never an unbounded wait: a bounded one re-checks both sockets' state (ZMQ_EVENTS)
                // at least every WAKE_MILLIS, so should JeroMQ ever lose a wake-up signal, a request
                // waits that long instead of forever (lateWakeups counts how often that happened).
                int ready = poller.poll(stopping ? 50 : WAKE_MILLIS);
                if (ready < 0) {
                    break;
                }
                if (ready == 0 && !stopping) {
                    if ((router.getEvents() & ZMQ.Poller.POLLIN) != 0 || (pipe.pull().getEvents() & ZMQ.Poller.POLLIN) != 0) {
                        stats.lateWakeups.incrementAndGet();
                    }
                }
                if (poller.pollin(pipeIndex)) {
                    if (drainReplies()) {
                        stopping = true;
                        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
                        refuseWaiting();
                        poller.unregister(router);
                    }
                }
                if (!stopping && poller.pollin(routerIndex)) {
                    readRequests();
                }
            }
        } catch (ZMQException e) {
            // The context was terminated under us: nothing more can be sent or read.
            LOG.log(Level.FINE, "socket thread ended by ZMQ", e);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "the server's socket thread failed", e);
        } finally {
            poller.close();
            router.setLinger(1_000);
            router.close();
            pipe.pull().close();
        }
    }

    /** Forwards every reply waiting in the pipe; true when a stop request was among them. */
    private boolean drainReplies() {
        boolean stop = false;
        ZMQ.Socket pull = pipe.pull();
        byte[] lane;
        while ((lane = pull.recv(ZMQ.DONTWAIT)) != null) {
            if (lane.length == 1 && lane[0] == ReplyPipe.STOP && !pull.hasReceiveMore()) {
                stop = true;
                continue;
            }
            byte[] identity = pull.recv(0);
            byte[] framing = pull.recv(0);
            byte[] payload = pull.recv(0);
            Route route = new Route(identity, ReplyPipe.delimited(framing));
            (lane[0] == QUICK ? quick : slow).finished(route.key());
            send(route, payload);
        }
        return stop;
    }

    private void readRequests() {
        for (int i = 0; i < READ_BATCH; i++) {
            byte[] identity = router.recv(ZMQ.DONTWAIT);
            if (identity == null) {
                return;
            }
            List<byte[]> rest = new ArrayList<>(2);
            boolean tooMany = false;
            while (router.hasReceiveMore()) {
                byte[] frame = router.recv(0);
                if (rest.size() < MAX_FRAMES - 1) {
                    rest.add(frame);
                } else {
                    tooMany = true;
                }
            }
            if (tooMany || rest.isEmpty() || (rest.size() == 2 && rest.get(0).length != 0)) {
                // Neither [id, payload] (DEALER) nor [id, "", payload] (REQ): there is no telling
                // where a reply would have to go, so it gets none.
                stats.droppedFrames.incrementAndGet();
                continue;
            }
            boolean req = rest.size() == 2;
            handle(new Route(identity, req), rest.get(rest.size() - 1));
        }
    }

    private void handle(Route route, byte[] payload) {
        stats.requests.incrementAndGet();
        Request request;
        try {
            request = Request.parse(payload);
        } catch (Request.BadRequest e) {
            stats.badRequests.incrementAndGet();
            send(route, Replies.error(e.id(), e.code(), e.getMessage()));
            return;
        }
        Operations.Op op = ops.find(request.op());
        if (op == null) {
            stats.badRequests.incrementAndGet();
            send(route, Replies.error(request.id(), ImageException.Code.USAGE, "unknown op '"
                    + abbreviate(request.op()) + "' (ops: " + String.join(", ", ops.names()) + ")"));
            return;
        }
        if (op.lane() == Operations.Lane.INLINE) {
            send(route, run(op, request));
            return;
        }
        byte laneId = op.lane() == Operations.Lane.QUICK ? QUICK : SLOW;
        Lane lane = laneId == QUICK ? quick : slow;
        Lane.Job job = new Lane.Job(route.key(), route, request.id(), () -> pipe.send(laneId, route, run(op, request)));
        if (!lane.submit(job)) {
            stats.overflowed.incrementAndGet();
            send(route, Replies.error(request.id(), ImageException.Code.ERROR, "too many requests waiting from this"
                    + " client (" + options.queuedPerClient() + "); wait for replies before sending more"));
        }
    }

    /** Runs an operation and answers its reply; never throws. */
    private static byte[] run(Operations.Op op, Request request) {
        try {
            return Replies.ok(request.id(), op.handler().handle(request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Replies.error(request.id(), ImageException.Code.ERROR, "the server is shutting down");
        } catch (Throwable e) {
            LOG.log(Level.FINE, "op " + op.name() + " failed", e);
            return Replies.failure(request.id(), e);
        }
    }

    /** Refuses every request still waiting for a thread (at shutdown). */
    private void refuseWaiting() {
        List<Lane.Job> waiting = new ArrayList<>(quick.drainWaiting());
        waiting.addAll(slow.drainWaiting());
        for (Lane.Job job : waiting) {
            send(job.reply(), Replies.error(job.id(), ImageException.Code.ERROR,
                    "the server is shutting down; the request did not run"));
        }
    }

    /** Sends one reply without ever blocking; an undeliverable one is counted and dropped. */
    private void send(Route route, byte[] payload) {
        try {
            if (!router.send(route.identity(), ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                stats.undeliverable.incrementAndGet();
                return;
            }
            if (route.delimited()) {
                router.send(new byte[0], ZMQ.SNDMORE | ZMQ.DONTWAIT);
            }
            router.send(payload, ZMQ.DONTWAIT);
            stats.replies.incrementAndGet();
        } catch (ZMQException e) {
            // EHOSTUNREACH (router-mandatory): the client is gone.
            stats.undeliverable.incrementAndGet();
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    // ---- closing ------------------------------------------------------------------------------------

    /**
     * Stops serving: refuses waiting requests, gives running ones a grace period to reply, then
     * closes the sockets, the worker threads, the ZAP handler and the context. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pipe.stop();
            join(socketThread, GRACE_MILLIS + 2_000);
            pipe.close();
            quickThreads.shutdown();
            // A slow request may be waiting for a cycle that will not end soon: interrupt it.
            slowThreads.shutdownNow();
            await(quickThreads);
            await(slowThreads);
            events.close();
        } finally {
            if (auth != null) {
                auth.close();
            }
            context.close();
        }
    }

    private static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
