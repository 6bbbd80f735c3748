package io.batos.cognition.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A language model that runs in a server speaking OpenAI's chat completions API — llama.cpp's
 * {@code llama-server}, vLLM, Ollama — reached over HTTP at {@code BASE/v1/chat/completions}.
 *
 * <p>This is how a team outgrows the embedded model: the server holds the weights (on several
 * GPUs with vLLM), the image only records its URL (DESIGN.md §7). Nothing is sent until the first
 * {@link #generate}; {@code connect} only checks and normalises the URL.
 *
 * <p>Contract, beyond {@link LanguageModel}'s:
 * <ul>
 *   <li>Each call runs on this model's own daemon threads ({@code batos-model-server-N}, as many
 *       as {@link Options#parallelRequests()}; further calls queue), never on the caller's. The
 *       listener is called there and the future completes there.</li>
 *   <li>With a listener other than {@link TokenListener#NONE} the answer is streamed (server-sent
 *       events, read by {@link ServerSentEvents}) and handed on through a {@link TokenBatcher};
 *       each streamed chunk counts as one token for the listener, since servers send about one
 *       token per chunk. With {@code NONE} the answer comes back in one piece.</li>
 *   <li>Figures: prompt and generated tokens come from the server's {@code usage}; where a
 *       server sends none, the prompt counts 0 and the answer counts its streamed chunks (0 when
 *       not streamed). Time to first token runs from the start of the HTTP request to the first
 *       chunk with text; for an answer that is not streamed it is the whole call, and tokens per
 *       second is then the rate over the whole call.</li>
 *   <li>A request with a JSON Schema asks for {@code response_format: json_schema}. If the
 *       server answers 400 blaming {@code response_format}, {@code json_schema} or a grammar,
 *       the request is sent again without it and this instance stops asking: the caller checks
 *       the answer against the schema either way.</li>
 *   <li>Cancelling the future closes the connection, so the server stops generating; at most the
 *       batch being handed over at that moment still reaches the listener. {@link #close()}
 *       fails running, queued and later calls.</li>
 *   <li>Failures complete the future with a one-line {@link ModelException} that names the URL
 *       and, for an HTTP error, the status and the server's own message. The API key goes into
 *       the {@code Authorization} header and nowhere else: not into messages, not into logs.</li>
 * </ul>
 */
public final class OpenAiCompatibleModel implements LanguageModel {

    /**
     * Timeouts and concurrency.
     *
     * @param connectTimeout   how long to wait for the TCP connection
     * @param idleTimeout      how long the server may send nothing — before the answer's headers
     *                         (a long prompt being read) or between two chunks — before the call
     *                         fails; generous by default, since a CPU server can think for minutes
     *                         before its first token
     * @param parallelRequests how many calls run at once; more queue. One keeps a conversation's
     *                         requests in order, like the embedded model's single inference thread;
     *                         a batching server (vLLM) can take more
     */
    public record Options(Duration connectTimeout, Duration idleTimeout, int parallelRequests) {
        public static final Options DEFAULTS = new Options(Duration.ofSeconds(10), Duration.ofMinutes(5), 1);

        public Options {
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(idleTimeout, "idleTimeout");
            if (parallelRequests < 1) {
                throw new IllegalArgumentException("parallelRequests must be at least 1, not " + parallelRequests);
            }
        }

        public Options withConnectTimeout(Duration timeout) {
            return new Options(timeout, idleTimeout, parallelRequests);
        }

        public Options withIdleTimeout(Duration timeout) {
            return new Options(connectTimeout, timeout, parallelRequests);
        }

        public Options withParallelRequests(int n) {
            return new Options(connectTimeout, idleTimeout, n);
        }

        private static void requirePositive(Duration duration, String what) {
            Objects.requireNonNull(duration, what);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, not " + duration);
            }
        }
    }

    /** An error body is read this far at most: enough for any server's message. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String name;
    private final URI baseUrl;
    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final Options options;
    private final HttpClient http;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;
    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    /** Written under {@code lifecycle}; read by workers, which must not start a call once set. */
    private volatile boolean closed;
    /** Set once the server has refused {@code response_format}; never asked again. */
    private volatile boolean structuredOutputRefused;

    private OpenAiCompatibleModel(String name, URI baseUrl, String model, String apiKey, Options options) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.endpoint = URI.create(baseUrl + "/chat/completions");
        this.model = model;
        this.apiKey = apiKey;
        this.options = options;
        // HTTP/1.1: the client would otherwise offer an h2c upgrade on plain http, which
        // llama.cpp's and Ollama's servers do not speak.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout()).build();
        this.workers = Executors.newFixedThreadPool(options.parallelRequests(), daemons("batos-model-server-"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("batos-model-server-watchdog-"));
        timer.setRemoveOnCancelPolicy(true);
        this.watchdog = timer;
    }

    /** A model served at {@code baseUrl} with the default {@link Options}. */
    public static OpenAiCompatibleModel connect(URI baseUrl, String model, String apiKey, String name) {
        return connect(baseUrl, model, apiKey, name, Options.DEFAULTS);
    }

    /**
     * A model served at {@code baseUrl}; nothing is sent yet.
     *
     * @param baseUrl the server, with or without the {@code /v1} (or even the whole
     *                {@code /v1/chat/completions}): {@code http://127.0.0.1:8080},
     *                {@code http://127.0.0.1:11434/v1}
     * @param model   the model the server should use, or null for its default
     * @param apiKey  sent as a bearer token when not null or blank
     * @param name    the model core's name, for {@link #description()} and messages
     */
    public static OpenAiCompatibleModel connect(URI baseUrl, String model, String apiKey, String name,
                                                Options options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        String key = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        String modelName = model == null || model.isBlank() ? null : model.strip();
        return new OpenAiCompatibleModel(name, normalise(baseUrl), modelName, key, options);
    }

    /**
     * The base URL ending in {@code /v1}, without a trailing slash, query or fragment.
     *
     * @throws IllegalArgumentException for a URL that is not http(s) with a host, or that carries
     *                                  credentials (they belong in the API key, and the URL is
     *                                  shown in every message)
     */
    static URI normalise(URI url) {
        Objects.requireNonNull(url, "baseUrl");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("a model server's URL starts with http:// or https://, not " + url);
        }
        if (url.getRawUserInfo() != null) {
            // The URL itself is not repeated: it holds a password.
            throw new IllegalArgumentException("a model server's URL cannot carry credentials; pass the API key instead");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("a model server's URL needs a host: " + url);
        }
        String path = url.getPath() == null ? "" : url.getPath();
        path = stripTrailingSlashes(path);
        if (path.endsWith("/chat/completions")) {
            path = stripTrailingSlashes(path.substring(0, path.length() - "/chat/completions".length()));
        }
        if (!path.endsWith("/v1")) {
            path = path + "/v1";
        }
        try {
            return new URI(scheme, null, url.getHost(), url.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a usable model server URL: " + url, e);
        }
    }

    private static String stripTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    /** The normalised base URL, ending in {@code /v1}. */
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public ModelDescription description() {
        return new ModelDescription(name, "server", baseUrl.toString(), "", false);
    }

    @Override
    public CompletableFuture<Completion> generate(ChatRequest request, GenerationParams params, TokenListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(params, "params");
        Call call = new Call(request, params, listener == null ? TokenListener.NONE : listener);
        synchronized (lifecycle) {
            if (closed) {
                return CompletableFuture.failedFuture(closedException());
            }
            calls.add(call);
        }
        // Runs on whichever thread ends the call: the worker, a canceller, or close().
        call.result.whenComplete((completion, failure) -> {
            calls.remove(call);
            call.abort();
        });
        try {
            workers.execute(call::run);
        } catch (RejectedExecutionException e) {
            call.result.completeExceptionally(closedException());
        }
        return call.result;
    }

    @Override
    public void close() {
        List<Call> pending;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            pending = List.copyOf(calls);
        }
        for (Call call : pending) {
            call.result.completeExceptionally(closedException());
        }
        workers.shutdownNow();
        watchdog.shutdownNow();
    }

    private ModelException closedException() {
        return new ModelException("model " + name + " is closed");
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleModel[" + name + " at " + baseUrl + (model == null ? "" : ", model " + model) + "]";
    }

    private static ThreadFactory daemons(String prefix) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * One request on its way: the exchange with the server, and what can end it early — the
     * caller cancelling, {@link #close()}, or the idle watchdog.
     *
     * <p>Ending early closes the response stream and cancels the pending send, which closes the
     * connection; the worker then sees its read fail and finds the future already done.
     */
    private final class Call {
        final ChatRequest request;
        final GenerationParams params;
        final TokenListener listener;
        final CompletableFuture<Completion> result = new CompletableFuture<>();

        private CompletableFuture<HttpResponse<InputStream>> sending;
        private InputStream body;
        private boolean aborted;
        private ScheduledFuture<?> alarm;
        private volatile long lastActivity;
        private volatile boolean idle;
        /** Data events received, for "closed the stream after N chunks". */
        private volatile int chunks;

        Call(ChatRequest request, GenerationParams params, TokenListener listener) {
            this.request = request;
            this.params = params;
            this.listener = listener;
        }

        void run() {
            // Closing fails the calls one by one; the first to fail frees its worker, which
            // must not start a queued call that close() has not reached yet.
            if (result.isDone() || closed) {
                return;
            }
            try {
                result.complete(exchange());
            } catch (Throwable t) {
                result.completeExceptionally(explain(t));
            }
        }

        private Completion exchange() throws IOException, InterruptedException {
            long start = System.nanoTime();
            boolean stream = listener != TokenListener.NONE;
            JsonNode schema = request.jsonSchema() == null ? null : ChatCompletionsJson.schema(request.jsonSchema());
            touch();
            armWatchdog();
            boolean withSchema = schema != null && !structuredOutputRefused;
            HttpResponse<InputStream> response = send(stream, withSchema ? schema : null);
            if (withSchema && response.statusCode() == 400) {
                String message = ChatCompletionsJson.errorMessage(readError());
                if (!ChatCompletionsJson.blamesStructuredOutput(message)) {
                    throw httpError(400, message);
                }
                structuredOutputRefused = true;
                response = send(stream, null);
            }
            if (response.statusCode() / 100 != 2) {
                throw httpError(response.statusCode(), ChatCompletionsJson.errorMessage(readError()));
            }
            if (stream && !eventStream(response)) {
                // A server may ignore "stream": true and answer in one piece; the listener still hears it.
                Completion whole = readWhole(start);
                if (!whole.text().isEmpty()) {
                    listener.onTokens(whole.text(), Math.max(1, whole.generatedTokens()));
                }
                return whole;
            }
            return stream ? readStream(start) : readWhole(start);
        }

        private static boolean eventStream(HttpResponse<InputStream> response) {
            return response.headers().firstValue("Content-Type")
                    .map(type -> type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")).orElse(true);
        }

        private HttpResponse<InputStream> send(boolean stream, JsonNode schema)
                throws IOException, InterruptedException {
            byte[] json = ChatCompletionsJson.MAPPER.writeValueAsBytes(
                    ChatCompletionsJson.request(request, params, model, stream, schema));
            HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .header("Accept", stream ? "text/event-stream" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json));
            if (apiKey != null) {
                builder.header("Authorization", "Bearer " + apiKey);
            }
            CompletableFuture<HttpResponse<InputStream>> pending =
                    http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            synchronized (this) {
                if (aborted) {
                    pending.cancel(true);
                    throw new CancellationException();
                }
                sending = pending;
            }
            HttpResponse<InputStream> response;
            try {
                response = pending.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            touch();
            InputStream watched = new FilterInputStream(response.body()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    touch();
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    touch();
                    return n;
                }
            };
            synchronized (this) {
                body = watched;
                if (aborted) {
                    watched.close();
                    throw new CancellationException();
                }
            }
            return response;
        }

        private String readError() throws IOException {
            try (InputStream in = body) {
                return new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            }
        }

        private Completion readWhole(long start) throws IOException {
            byte[] bytes;
            try (InputStream in = body) {
                bytes = in.readAllBytes();
            }
            double elapsedMs = (System.nanoTime() - start) / 1e6;
            JsonNode answer = parse(bytes);
            if (answer.has("error")) {
                throw new ModelException(endpoint + " reported an error: "
                        + ChatCompletionsJson.errorMessage(answer.toString()));
            }
            JsonNode choice = answer.path("choices").path(0);
            if (!choice.isObject()) {
                throw new ModelException(endpoint + " answered without a choice: "
                        + ChatCompletionsJson.oneLine(new String(bytes, StandardCharsets.UTF_8)));
            }
            String text = ChatCompletionsJson.text(choice.path("message").get("content"));
            JsonNode usage = answer.get("usage");
            int prompt = ChatCompletionsJson.count(usage, "prompt_tokens");
            int generated = ChatCompletionsJson.count(usage, "completion_tokens");
            StopReason stop = ChatCompletionsJson.stopReason(choice, params.maxTokens(), generated);
            int tokens = Math.max(generated, 0);
            double rate = elapsedMs > 0 ? tokens / (elapsedMs / 1000) : 0;
            return new Completion(text == null ? "" : text, null, Math.max(prompt, 0), tokens, stop,
                    elapsedMs, rate, baseUrl.toString());
        }

        private JsonNode parse(byte[] bytes) {
            try {
                JsonNode answer = ChatCompletionsJson.MAPPER.readTree(bytes);
                if (answer != null && answer.isObject()) {
                    return answer;
                }
            } catch (IOException e) {
                // Reported below with the body's start, which says more than the parser does.
            }
            throw new ModelException(endpoint + " answered with a body that is not a JSON object: "
                    + ChatCompletionsJson.oneLine(new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8)));
        }

        private Completion readStream(long start) throws IOException {
            ServerSentEvents events = new ServerSentEvents(body);
            TokenBatcher batcher = new TokenBatcher(listener);
            StringBuilder text = new StringBuilder();
            JsonNode finished = null;
            JsonNode usage = null;
            int contentChunks = 0;
            long first = 0;
            long last = 0;
            boolean done = false;
            try {
                String data;
                while ((data = events.next()) != null) {
                    if (data.strip().equals("[DONE]")) {
                        done = true;
                        break;
                    }
                    JsonNode chunk;
                    try {
                        chunk = ChatCompletionsJson.MAPPER.readTree(data);
                    } catch (JsonProcessingException e) {
                        throw new ModelException(endpoint + " sent a malformed event after " + chunks + " chunks: "
                                + ChatCompletionsJson.oneLine(data));
                    }
                    if (chunk == null || !chunk.isObject()) {
                        throw new ModelException(endpoint + " sent a malformed event after " + chunks + " chunks: "
                                + ChatCompletionsJson.oneLine(data));
                    }
                    if (chunk.has("error")) {
                        throw new ModelException(endpoint + " reported an error after " + chunks + " chunks: "
                                + ChatCompletionsJson.errorMessage(data));
                    }
                    chunks++;
                    if (chunk.hasNonNull("usage")) {
                        usage = chunk.get("usage");
                    }
                    JsonNode choice = chunk.path("choices").path(0);
                    String delta = ChatCompletionsJson.text(choice.path("delta").get("content"));
                    if (delta != null && !delta.isEmpty()) {
                        last = System.nanoTime();
                        if (first == 0) {
                            first = last;
                        }
                        contentChunks++;
                        text.append(delta);
                        if (result.isDone()) {
                            // Cancelled or closed: the read that follows fails; the listener hears no more.
                            continue;
                        }
                        batcher.add(delta, 1);
                    }
                    if (choice.hasNonNull("finish_reason")) {
                        finished = choice;
                    }
                }
            } catch (IOException e) {
                throw unfinished(rootMessage(e));
            }
            // A finish_reason is the answer's real end; [DONE] after it only carries usage,
            // so a server that drops the connection there has still answered.
            if (!done && finished == null) {
                throw unfinished(null);
            }
            if (result.isDone()) {
                throw new CancellationException();
            }
            batcher.flush();
            int prompt = ChatCompletionsJson.count(usage, "prompt_tokens");
            int generated = ChatCompletionsJson.count(usage, "completion_tokens");
            StopReason stop = ChatCompletionsJson.stopReason(finished, params.maxTokens(), generated);
            int tokens = generated >= 0 ? generated : contentChunks;
            long end = System.nanoTime();
            double firstMs = ((first == 0 ? end : first) - start) / 1e6;
            double spanSeconds = (last - first) / 1e9;
            double rate = tokens >= 2 && spanSeconds > 0 ? (tokens - 1) / spanSeconds : 0;
            return new Completion(text.toString(), null, Math.max(prompt, 0), tokens, stop, firstMs, rate,
                    baseUrl.toString());
        }

        private ModelException unfinished(String why) {
            return new ModelException(endpoint + " closed the stream after " + chunks + " chunks without finishing"
                    + (why == null || why.isBlank() ? "" : " (" + ChatCompletionsJson.oneLine(why) + ")"));
        }

        private ModelException httpError(int status, String message) {
            return new ModelException(endpoint + " answered HTTP " + status + (message == null ? "" : ": " + message));
        }

        /** The one line the user reads for {@code failure}; a listener's own exception passes through. */
        private Throwable explain(Throwable failure) {
            if (idle) {
                return new ModelException(endpoint + " sent nothing for " + format(options.idleTimeout())
                        + (chunks == 0 ? "" : " after " + chunks + " chunks") + "; gave up waiting");
            }
            if (failure instanceof ModelException || result.isDone()) {
                return failure;
            }
            if (failure instanceof HttpConnectTimeoutException) {
                return new ModelException("cannot reach " + endpoint + ": no connection within "
                        + format(options.connectTimeout()));
            }
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ConnectException) {
                    String why = t.getMessage() == null || t.getMessage().toLowerCase().contains("refused")
                            ? "connection refused" : ChatCompletionsJson.oneLine(t.getMessage());
                    return new ModelException("cannot reach " + endpoint + ": " + why, failure);
                }
                if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                    return new ModelException("cannot reach " + endpoint + ": unknown host " + endpoint.getHost(),
                            failure);
                }
            }
            if (failure instanceof IOException) {
                return new ModelException("lost the connection to " + endpoint + ": " + rootMessage(failure), failure);
            }
            if (failure instanceof InterruptedException) {
                return closedException();
            }
            return failure;
        }

        private void touch() {
            lastActivity = System.nanoTime();
        }

        private void armWatchdog() {
            schedule(options.idleTimeout().toNanos());
        }

        private synchronized void schedule(long delayNanos) {
            if (aborted) {
                return;
            }
            try {
                alarm = watchdog.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // Closed: close() fails this call itself.
            }
        }

        /** Re-arms for the time left, or ends the call when the server has been silent too long. */
        private void checkIdle() {
            long quiet = System.nanoTime() - lastActivity;
            long limit = options.idleTimeout().toNanos();
            if (quiet < limit) {
                schedule(limit - quiet);
                return;
            }
            idle = true;
            abort();
            // The worker may be waiting for headers, where a cancelled send is its only news.
            result.completeExceptionally(explain(new IOException("idle")));
        }

        /** Ends the exchange: the connection is closed and the worker's next read fails. */
        void abort() {
            CompletableFuture<HttpResponse<InputStream>> pending;
            InputStream stream;
            ScheduledFuture<?> timer;
            synchronized (this) {
                if (aborted) {
                    return;
                }
                aborted = true;
                pending = sending;
                stream = body;
                timer = alarm;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            if (pending != null) {
                pending.cancel(true);
            }
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException e) {
                    // Already broken: closed is what we wanted.
                }
            }
        }
    }

    /**
     * The innermost message of a failure's causes: the JDK's client wraps what happened ("EOF
     * reached while reading", "Connection reset") in an IOException that only says "closed".
     */
    private static String rootMessage(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return ChatCompletionsJson.oneLine(message == null ? failure.getClass().getSimpleName() : message);
    }

    private static String format(Duration duration) {
        long ms = duration.toMillis();
        return ms < 1000 || ms % 1000 != 0 ? ms + " ms" : ms / 1000 + " s";
    }
}
