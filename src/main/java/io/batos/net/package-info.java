/**
 * The image on the wire: a JeroMQ server that lets scripts, tools and other machines do to a
 * running image what the workbench does (DESIGN §10).
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.net.ImageServer} — the ROUTER socket for requests and the PUB socket for
 *       events; its class comment explains the threads: one socket thread, two fair lanes of
 *       workers, replies back through a pipe.</li>
 *   <li>{@code Operations} — the operations, each one call of the kernel facade
 *       ({@link io.batos.kernel.Kernel}) or the vessel's orchestrator, so a client can do exactly
 *       what the UI can.</li>
 *   <li>{@link io.batos.net.Request} and {@code Replies} — the JSON shapes of a request and of its
 *       two kinds of reply, with the error words of DESIGN §12.</li>
 *   <li>{@code Lane} — round-robin scheduling between clients with per-client bounds: the reason a
 *       flood from one client never starves another.</li>
 *   <li>{@code ReplyPipe}, {@code Route} — how a worker's reply gets back to the socket thread, and
 *       to the right client with the right framing (DEALER or REQ, blueprint BUG-04).</li>
 *   <li>{@code EventForwarder} — the event bus onto the PUB socket, never blocking a publisher.</li>
 *   <li>{@link io.batos.net.CurveKeys}, {@link io.batos.net.Endpoints} — CURVE key pairs and
 *       allow-lists in the user's config directory, and the rule that anything beyond loopback
 *       needs them.</li>
 *   <li>{@link io.batos.net.ImageClient} — a blocking client for {@code batos client} and the
 *       tests.</li>
 *   <li>{@link io.batos.net.ServerStats} — what was counted instead of crashing.</li>
 * </ul>
 *
 * <p>The command line's {@code batos serve}, {@code batos client} and {@code batos keys generate}
 * sit on top of this package; nothing below the kernel knows it exists.
 */
package io.batos.net;
