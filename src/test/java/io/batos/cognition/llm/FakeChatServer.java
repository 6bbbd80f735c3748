package io.batos.cognition.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An OpenAI-compatible chat server in the test JVM, on 127.0.0.1 and a free port: it records
 * every request it receives and answers with whatever {@link Reply} the test set.
 *
 * <p>Each exchange runs on its own thread, so a reply that stalls (to test timeouts, cancelling or
 * closing) does not hold up the next request.
 */
public final class FakeChatServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server received it. */
    public record Request(String method, String path, Headers headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Thrown by a reply to drop the connection as it stands, like a server process dying. */
    static final class Hangup extends RuntimeException {
        Hangup() {
            super("the fake server hangs up", null, false, false);
        }
    }

    /** Writes the answer to one request. */
    @FunctionalInterface
    public interface Reply {
        void answer(HttpExchange exchange, Request request) throws IOException;
    }

    private final HttpServer http;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-chat-server");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private volatile Reply reply = json(200, "{}");

    private FakeChatServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(threads);
        http.createContext("/", exchange -> {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(request);
            try {
                reply.answer(exchange, request);
            } catch (Hangup crash) {
                // Not closing the exchange: HttpServer then drops the connection mid-body, with no
                // closing chunk, as a crashing server would.
                throw crash;
            }
            exchange.close();
        });
        http.start();
    }

    public static FakeChatServer start() throws IOException {
        return new FakeChatServer();
    }

    /** {@code http://127.0.0.1:PORT}, without {@code /v1}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** How every later request is answered. */
    public void answer(Reply next) {
        reply = next;
    }

    /** The next request received, waiting up to five seconds for it. */
    public Request next() throws InterruptedException {
        Request request = received.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the server received no request");
        }
        return request;
    }

    /** Requests received and not yet taken with {@link #next()}. */
    int waiting() {
        return received.size();
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }

    // ---- replies

    public static Reply json(int status, String body) {
        return (exchange, request) -> send(exchange, status, "application/json", body);
    }

    public static Reply text(int status, String body) {
        return (exchange, request) -> send(exchange, status, "text/plain", body);
    }

    /** A non-streamed answer; {@code usage} is left out when {@code promptTokens} is negative. */
    public static Reply completion(String content, String finishReason, int promptTokens, int completionTokens) {
        ObjectNode answer = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion");
        ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", finishReason);
        if (promptTokens >= 0) {
            answer.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                    .put("total_tokens", promptTokens + completionTokens);
        }
        return json(200, answer.toString());
    }

    /**
     * An answer as a real server gives it: streamed, a chunk per word, when the request asks for a
     * stream (the cognitive cycle streams, so the workbench can watch the model write), else
     * {@link #completion}.
     */
    public static Reply answer(String content, String finishReason, int promptTokens, int completionTokens) {
        return (exchange, request) -> {
            if (!JSON.readTree(request.body()).path("stream").asBoolean(false)) {
                completion(content, finishReason, promptTokens, completionTokens).answer(exchange, request);
                return;
            }
            List<String> data = new java.util.ArrayList<>();
            for (String word : content.split("(?<= )")) {
                data.add(chunk(word));
            }
            data.add(finish(finishReason));
            data.add(usage(promptTokens, completionTokens));
            data.add("[DONE]");
            events(data).answer(exchange, request);
        };
    }

    /**
     * A stream of these payloads, each written and flushed as its own {@code data:} event; one
     * that starts with {@code :} goes out as it is, a comment line.
     */
    public static Reply events(List<String> data) {
        return (exchange, request) -> {
            OutputStream out = startStream(exchange);
            for (String event : data) {
                if (event.startsWith(":")) {
                    out.write((event + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else {
                    event(out, event);
                }
            }
        };
    }

    /** Starts a 200 {@code text/event-stream} answer of unknown length (chunked). */
    static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** Writes one {@code data:} event and pushes it onto the wire. */
    static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A streamed chunk adding {@code content}. */
    static String chunk(String content) {
        ObjectNode chunk = JSON.createObjectNode().put("object", "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta").put("content", content);
        choice.putNull("finish_reason");
        return chunk.toString();
    }

    /** The streamed chunk that ends the choice. */
    static String finish(String reason) {
        ObjectNode chunk = JSON.createObjectNode().put("object", "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta");
        choice.put("finish_reason", reason);
        return chunk.toString();
    }

    /** The last streamed chunk when {@code include_usage} was asked: no choices, only usage. */
    static String usage(int promptTokens, int completionTokens) {
        ObjectNode chunk = JSON.createObjectNode().put("object", "chat.completion.chunk");
        chunk.putArray("choices");
        chunk.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens);
        return chunk.toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
