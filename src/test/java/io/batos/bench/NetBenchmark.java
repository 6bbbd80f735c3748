package io.batos.bench;

import io.batos.image.LivingImage;
import io.batos.kernel.Kernel;
import io.batos.kernel.Vessel;
import io.batos.net.CurveKeys;
import io.batos.net.ImageServer;
import io.batos.net.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Round trips through the ZMQ server over tcp loopback: {@code ping} (answered on the socket
 * thread) and {@code get} of one slot (a worker, a read transaction, the reply pipe), from 1 and
 * from 50 DEALER clients, lock-step (one request in flight per client) and pipelined (16 in flight
 * per client), without and with CURVE.
 *
 * <p>One JMH thread drives every client: a "wave" sends each client's requests and collects every
 * reply; the {@code roundTrips} counter is what to read (round trips per second), the primary score
 * is waves per second. Client and server share the machine (2 cores here), so these are the
 * figures of a whole system on one box, not of the server alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 3)
@Fork(1)
@RecordedIn("wire")
public class NetBenchmark {
    static final int DEPTH = 16;

    @Param({"1", "50"})
    int clients;

    @Param({"lockstep", "pipelined"})
    String style;

    @Param({"ping", "get"})
    String op;

    @Param({"false", "true"})
    boolean curve;

    private Path dir;
    private Vessel vessel;
    private ImageServer server;
    private ZContext zmq;
    private final List<ZMQ.Socket> sockets = new ArrayList<>();
    private ZMQ.Poller poller;
    private byte[] request;
    private int inFlight;

    /** Counts round trips (JMH reports it per second). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class RoundTrips {
        public long roundTrips;

        @Setup(Level.Iteration)
        public void reset() {
            roundTrips = 0;
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = BenchImages.newDir("net-bench");
        vessel = Vessel.open(dir.resolve("image"), LivingImage.OpenMode.CREATE);
        Kernel kernel = new Kernel(vessel, "bench");
        kernel.set(kernel.lobby(), "x", 42L);
        ServerOptions options = ServerOptions.loopback();
        CurveKeys.KeyPair serverKeys = null;
        CurveKeys.KeyPair clientKeys = null;
        if (curve) {
            Path keys = dir.resolve("keys");
            serverKeys = CurveKeys.generate(keys, CurveKeys.SERVER);
            clientKeys = CurveKeys.generate(dir.resolve("client"), CurveKeys.CLIENT);
            Files.copy(dir.resolve("client/client.key"), keys.resolve("clients/client.key"));
            options = options.withCurveKeys(keys);
        }
        server = ImageServer.start(new Kernel(vessel, "net"), options);
        request = (op.equals("ping") ? "{\"id\":1,\"op\":\"ping\"}"
                : "{\"id\":1,\"op\":\"get\",\"target\":\"lobby\",\"slot\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        inFlight = style.equals("lockstep") ? 1 : DEPTH;
        zmq = new ZContext(1);
        poller = zmq.createPoller(clients);
        for (int i = 0; i < clients; i++) {
            ZMQ.Socket s = connect(serverKeys, clientKeys);
            sockets.add(s);
            poller.register(s, ZMQ.Poller.POLLIN);
        }
    }

    /** A DEALER whose connection has answered a ping (JeroMQ now and then leaves a fresh one dead). */
    private ZMQ.Socket connect(CurveKeys.KeyPair serverKeys, CurveKeys.KeyPair clientKeys) {
        for (int attempt = 0; attempt < 20; attempt++) {
            ZMQ.Socket s = zmq.createSocket(SocketType.DEALER);
            s.setLinger(0);
            s.setSndHWM(0);
            s.setRcvHWM(0);
            if (serverKeys != null) {
                s.setCurveServerKey(ZMQ.Curve.z85Decode(serverKeys.publicKey()));
                s.setCurvePublicKey(ZMQ.Curve.z85Decode(clientKeys.publicKey()));
                s.setCurveSecretKey(ZMQ.Curve.z85Decode(clientKeys.secretKey()));
            }
            s.connect(server.endpoint());
            s.setReceiveTimeOut(2_000);
            s.send("{\"id\":0,\"op\":\"ping\"}");
            if (s.recv(0) != null) {
                return s;
            }
            zmq.destroySocket(s);
        }
        throw new IllegalStateException("no connection answered");
    }

    @Benchmark
    @Goal(what = "ZMQ round trips over tcp loopback, client and server on one machine", figure = "roundTrips", unit = "round trips/s")
    public int wave(RoundTrips counter) {
        for (ZMQ.Socket s : sockets) {
            for (int i = 0; i < inFlight; i++) {
                s.send(request, 0);
            }
        }
        int expected = clients * inFlight;
        int received = 0;
        while (received < expected) {
            if (poller.poll(5_000) <= 0) {
                throw new IllegalStateException("replies stopped after " + received + " of " + expected);
            }
            for (int i = 0; i < clients; i++) {
                if (poller.pollin(i)) {
                    ZMQ.Socket s = sockets.get(i);
                    while (s.recv(ZMQ.DONTWAIT) != null) {
                        received++;
                    }
                }
            }
        }
        counter.roundTrips += received;
        return received;
    }

    @TearDown(Level.Trial)
    public void stop() {
        try {
            poller.close();
            zmq.close();
            server.close();
            vessel.close();
        } finally {
            BenchImages.delete(dir);
        }
    }
}
