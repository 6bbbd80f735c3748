package io.batos.net;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * How replies computed on worker threads reach the one thread that owns the ROUTER socket: an
 * inproc PUSH/PULL pipe that the socket thread polls beside the ROUTER.
 *
 * <p>ZMQ sockets are not thread-safe, so workers never touch the ROUTER. The PULL end belongs to
 * the socket thread; the PUSH end is shared by the workers, one at a time under this object's
 * lock — a full memory barrier around every use, which is what ZMQ asks of a socket that moves
 * between threads. The pipe has no high-water mark: the lanes bound how many jobs run, so at most
 * that many replies are ever in it. A message is {@code [lane, identity, framing, payload]};
 * a lone frame {@link #STOP} asks the socket thread to wind down.
 */
final class ReplyPipe {
    static final byte STOP = (byte) 0xff;
    private static final byte[] REQ = {1};
    private static final byte[] DEALER = {0};

    private final ZMQ.Socket push;
    private final ZMQ.Socket pull;
    private boolean closed;

    ReplyPipe(ZContext context, String name) {
        String address = "inproc://" + name;
        pull = context.createSocket(SocketType.PULL);
        pull.setRcvHWM(0);
        pull.bind(address);
        push = context.createSocket(SocketType.PUSH);
        push.setSndHWM(0);
        push.setLinger(0);
        push.connect(address);
    }

    /** The end the socket thread polls and reads. */
    ZMQ.Socket pull() {
        return pull;
    }

    /** Hands a reply to the socket thread (any thread); after {@link #close} it is dropped. */
    synchronized void send(byte lane, Route route, byte[] payload) {
        if (closed) {
            return;
        }
        try {
            push.send(new byte[] {lane}, ZMQ.SNDMORE);
            push.send(route.identity(), ZMQ.SNDMORE);
            push.send(route.delimited() ? REQ : DEALER, ZMQ.SNDMORE);
            push.send(payload, 0);
        } catch (ZMQException e) {
            // Only a terminating context gets here: the server is going away and so is the reply.
        }
    }

    /** Asks the socket thread to wind down. */
    synchronized void stop() {
        if (!closed) {
            push.send(new byte[] {STOP}, 0);
        }
    }

    /** Closes the PUSH end; later replies are dropped (the PULL end is the socket thread's to close). */
    synchronized void close() {
        closed = true;
        push.close();
    }

    static boolean delimited(byte[] framing) {
        return framing.length == 1 && framing[0] == 1;
    }
}
