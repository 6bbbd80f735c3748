package io.batos.net;

/**
 * Where a reply goes: the client's routing identity, and whether it framed its request like a REQ
 * socket (an empty delimiter frame before the payload) or like a DEALER (none) — the reply must be
 * framed the same way, or a REQ client never sees it (blueprint BUG-04).
 *
 * @param identity  the routing identity ROUTER gave the client
 * @param delimited true for a REQ client
 */
record Route(byte[] identity, boolean delimited) {

    /** The identity as a map key (ISO-8859-1 maps every byte to one char, so distinct identities stay distinct). */
    String key() {
        return new String(identity, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
