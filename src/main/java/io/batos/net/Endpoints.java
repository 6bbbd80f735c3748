package io.batos.net;

import io.batos.image.ImageException;
import java.util.Locale;

/**
 * ZMQ endpoints as the server accepts them, and the one question security asks of them: does this
 * address stay on this machine?
 *
 * <p>Only {@code tcp://} with a literal loopback host ({@code 127.x.x.x}, {@code localhost},
 * {@code ::1}) and the machine-local transports {@code ipc://} and {@code inproc://} count as
 * loopback. Anything else — {@code *}, {@code 0.0.0.0}, a LAN address, a host or interface name
 * that might resolve to one — is treated as reachable from the network and must be secured with
 * CURVE. Being strict here costs a user one flag; being lenient could expose an image that runs
 * arbitrary (sandboxed) code to a network.
 */
public final class Endpoints {
    /** Where the server listens for requests unless told otherwise (DESIGN §10). */
    public static final String DEFAULT_BIND = "tcp://127.0.0.1:5555";
    /** Where it publishes events unless told otherwise. */
    public static final String DEFAULT_EVENTS = "tcp://127.0.0.1:5556";

    private Endpoints() {
    }

    /**
     * Checks the shape of an endpoint ({@code tcp://HOST:PORT}, {@code ipc://PATH} or
     * {@code inproc://NAME}); a port of {@code 0} is written as ZMQ's wildcard {@code *}, so
     * tests can ask for any free port.
     *
     * @throws ImageException USAGE naming what is wrong
     */
    public static String normalize(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new ImageException(ImageException.Code.USAGE, "empty endpoint (e.g. " + DEFAULT_BIND + ")");
        }
        String e = endpoint.strip();
        if (e.startsWith("ipc://") || e.startsWith("inproc://")) {
            return e;
        }
        if (!e.startsWith("tcp://")) {
            throw new ImageException(ImageException.Code.USAGE, "bad endpoint " + e
                    + " (use tcp://HOST:PORT, ipc://PATH or inproc://NAME)");
        }
        int colon = e.lastIndexOf(':');
        if (colon <= "tcp://".length()) {
            throw new ImageException(ImageException.Code.USAGE, "bad endpoint " + e + " (tcp://HOST:PORT needs a port)");
        }
        String port = e.substring(colon + 1);
        if (port.equals("0")) {
            return e.substring(0, colon + 1) + "*";
        }
        if (!port.equals("*")) {
            try {
                int p = Integer.parseInt(port);
                if (p < 1 || p > 65_535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException ex) {
                throw new ImageException(ImageException.Code.USAGE, "bad port in " + e + " (1-65535, or * for any)");
            }
        }
        return e;
    }

    /** True when the endpoint cannot be reached from another machine (see the class comment). */
    public static boolean isLoopback(String endpoint) {
        String e = normalize(endpoint);
        if (e.startsWith("ipc://") || e.startsWith("inproc://")) {
            return true;
        }
        String host = e.substring("tcp://".length(), e.lastIndexOf(':')).toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.equals("localhost") || host.equals("::1") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
