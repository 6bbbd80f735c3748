package io.batos.cognition.llm;

import static io.batos.cognition.llm.FakeChatServer.chunk;
import static io.batos.cognition.llm.FakeChatServer.completion;
import static io.batos.cognition.llm.FakeChatServer.event;
import static io.batos.cognition.llm.FakeChatServer.events;
import static io.batos.cognition.llm.FakeChatServer.finish;
import static io.batos.cognition.llm.FakeChatServer.json;
import static io.batos.cognition.llm.FakeChatServer.startStream;
import static io.batos.cognition.llm.FakeChatServer.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link OpenAiCompatibleModel} against a real HTTP server in this JVM ({@link FakeChatServer}). */
@Timeout(30)
class OpenAiCompatibleModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChatRequest HELLO = ChatRequest.of("You are terse.", "Say hello.");
    private static final String SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"plan\":{\"type\":\"string\"}},\"required\":[\"plan\"]}";

    private FakeChatServer server;
    private final List<OpenAiCompatibleModel> models = new ArrayList<>();
    /** Stalling replies wait on this; released after each test so no server thread lingers. */
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = FakeChatServer.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        models.forEach(OpenAiCompatibleModel::close);
        server.close();
    }

    private OpenAiCompatibleModel model() {
        return model(server.url(), null, null, OpenAiCompatibleModel.Options.DEFAULTS);
    }

    private OpenAiCompatibleModel model(URI url, String name, String key, OpenAiCompatibleModel.Options options) {
        OpenAiCompatibleModel model = OpenAiCompatibleModel.connect(url, name, key, "test", options);
        models.add(model);
        return model;
    }

    private static Completion answer(CompletableFuture<Completion> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    /** The exception the future failed with, which must be a one-line ModelException. */
    private static String failure(CompletableFuture<Completion> future) throws Exception {
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ModelException.class);
            assertThat(e.getCause().getMessage()).doesNotContain("\n");
            return e.getCause().getMessage();
        }
        throw new AssertionError("the call succeeded");
    }

    private static JsonNode tree(String json) throws IOException {
        return JSON.readTree(json);
    }

    /** Records every batch and the thread it came on. */
    private static final class Recorder implements TokenListener {
        final List<String> batches = new CopyOnWriteArrayList<>();
        final List<Integer> counts = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);

        @Override
        public void onTokens(String text, int tokens) {
            batches.add(text);
            counts.add(tokens);
            threads.add(Thread.currentThread().getName());
            first.countDown();
        }

        String text() {
            return String.join("", batches);
        }
    }

    // ---- the request

    @Test
    void sendsEveryParameterAndTheKeyAsABearerToken() throws Exception {
        server.answer(completion("hi", "stop", 10, 1));
        OpenAiCompatibleModel model = model(server.url(), "llama3", "sk-secret", OpenAiCompatibleModel.Options.DEFAULTS);
        GenerationParams params = new GenerationParams(64, 0.7, 40, 0.9, 1.1, 42, List.of("###", "\nUser:"));

        answer(model.generate(HELLO, params, TokenListener.NONE));

        FakeChatServer.Request request = server.next();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer sk-secret");
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(request.json()).isEqualTo(tree("""
                {"model": "llama3",
                 "messages": [{"role": "system", "content": "You are terse."},
                              {"role": "user", "content": "Say hello."}],
                 "max_tokens": 64, "temperature": 0.7, "top_p": 0.9, "seed": 42,
                 "stop": ["###", "\\nUser:"], "top_k": 40, "repetition_penalty": 1.1,
                 "stream": false}"""));
    }

    @Test
    void leavesOutTheModelTheKeyAndExtensionsAtTheirDefaults() throws Exception {
        server.answer(completion("hi", "stop", 10, 1));

        answer(model().generate(ChatRequest.of(null, "Hi"), GenerationParams.GREEDY, TokenListener.NONE));

        FakeChatServer.Request request = server.next();
        assertThat(request.headers().containsKey("Authorization")).isFalse();
        assertThat(request.json()).isEqualTo(tree("""
                {"messages": [{"role": "user", "content": "Hi"}],
                 "max_tokens": 256, "temperature": 0.0, "top_p": 1.0, "seed": 0, "stream": false}"""));
    }

    @Test
    void asksForAStreamWithUsageWhenSomeoneListens() throws Exception {
        server.answer(events(List.of(chunk("hi"), finish("stop"), "[DONE]")));

        answer(model().generate(HELLO, GenerationParams.GREEDY, new Recorder()));

        JsonNode body = server.next().json();
        assertThat(body.get("stream").booleanValue()).isTrue();
        assertThat(body.get("stream_options")).isEqualTo(tree("{\"include_usage\": true}"));
    }

    // ---- the answer

    @Test
    void aNonStreamedAnswerCarriesTextUsageAndTheServer() throws Exception {
        server.answer(completion("Hello there.", "stop", 12, 3));

        Completion completion = answer(model().generate(HELLO, GenerationParams.GREEDY, TokenListener.NONE));

        assertThat(completion.text()).isEqualTo("Hello there.");
        assertThat(completion.tokenIds()).isEmpty();
        assertThat(completion.promptTokens()).isEqualTo(12);
        assertThat(completion.generatedTokens()).isEqualTo(3);
        assertThat(completion.stopReason()).isEqualTo(StopReason.END_OF_TURN);
        assertThat(completion.timeToFirstTokenMs()).isPositive();
        assertThat(completion.device()).isEqualTo(server.url() + "/v1");
    }

    @Test
    void aStreamReachesTheListenerInBatchesThatAddUpToTheText() throws Exception {
        List<String> stream = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String piece = i % 10 == 0 ? "ü" + i + "\n" : " w" + i;
            stream.add(chunk(piece));
            expected.append(piece);
        }
        stream.add(finish("stop"));
        stream.add(usage(7, 100));
        stream.add("[DONE]");
        server.answer(events(stream));
        Recorder listener = new Recorder();

        Completion completion = answer(model().generate(HELLO, GenerationParams.GREEDY, listener));

        assertThat(completion.text()).isEqualTo(expected.toString());
        assertThat(listener.text()).isEqualTo(expected.toString());
        assertThat(listener.batches).hasSizeBetween(2, 99);
        assertThat(listener.counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertThat(listener.threads).allMatch(name -> name.startsWith("batos-model-server-"));
        assertThat(completion.promptTokens()).isEqualTo(7);
        assertThat(completion.generatedTokens()).isEqualTo(100);
        assertThat(completion.stopReason()).isEqualTo(StopReason.END_OF_TURN);
        assertThat(completion.device()).isEqualTo(server.url() + "/v1");
    }

    @Test
    void aServerThatIgnoresStreamingAnswersInOnePieceAndTheListenerStillHearsIt() throws Exception {
        server.answer(completion("all at once", "stop", 5, 3));
        Recorder listener = new Recorder();

        Completion completion = answer(model().generate(HELLO, GenerationParams.GREEDY, listener));

        assertThat(server.next().json().path("stream").asBoolean()).as("it was asked to stream").isTrue();
        assertThat(completion.text()).isEqualTo("all at once");
        assertThat(listener.text()).isEqualTo("all at once");
        assertThat(listener.counts).containsExactly(3);
        assertThat(completion.generatedTokens()).isEqualTo(3);
    }

    @Test
    void withoutUsageAStreamCountsItsChunksAndNoPromptTokens() throws Exception {
        server.answer(events(List.of(": keep-alive", chunk("one"), chunk(" two"), chunk(" three"), finish("length"),
                "[DONE]")));

        Completion completion = answer(model().generate(HELLO, GenerationParams.GREEDY.withMaxTokens(3), new Recorder()));

        assertThat(completion.text()).isEqualTo("one two three");
        assertThat(completion.promptTokens()).isZero();
        assertThat(completion.generatedTokens()).isEqualTo(3);
        assertThat(completion.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @ParameterizedTest(name = "finish_reason {0}, stop_reason {1}, {2} of 8 tokens → {3}")
    @CsvSource(nullValues = "null", value = {
            "stop,           null, 5, END_OF_TURN",
            "stop,           '###', 5, STOP_STRING",
            "length,         null, 8, MAX_TOKENS",
            "length,         null, 5, CONTEXT_FULL",
            "content_filter, null, 5, END_OF_TURN"})
    void finishReasonsBecomeStopReasons(String finishReason, String stopReason, int generated, StopReason expected)
            throws Exception {
        String stopField = stopReason == null ? "null" : "\"" + stopReason + "\"";
        server.answer(json(200, """
                {"choices": [{"index": 0, "message": {"role": "assistant", "content": "x"},
                              "finish_reason": "%s", "stop_reason": %s}],
                 "usage": {"prompt_tokens": 3, "completion_tokens": %d}}"""
                .formatted(finishReason, stopField, generated)));

        Completion completion = answer(model().generate(HELLO, GenerationParams.GREEDY.withMaxTokens(8),
                TokenListener.NONE));

        assertThat(completion.stopReason()).isEqualTo(expected);
        assertThat(completion.generatedTokens()).isEqualTo(generated);
    }

    // ---- structured answers

    @Test
    void aSchemaIsSentAsResponseFormat() throws Exception {
        server.answer(completion("{\"plan\":\"x\"}", "stop", 3, 3));

        answer(model().generate(HELLO.withJsonSchema(SCHEMA), GenerationParams.GREEDY, TokenListener.NONE));

        assertThat(server.next().json().get("response_format")).isEqualTo(tree("""
                {"type": "json_schema",
                 "json_schema": {"name": "answer", "schema": %s, "strict": true}}""".formatted(SCHEMA)));
    }

    @Test
    void aServerThatRefusesTheSchemaIsAskedAgainWithoutItAndNeverAgainWithIt() throws Exception {
        FakeChatServer.Reply ok = completion("{\"plan\":\"x\"}", "stop", 3, 3);
        FakeChatServer.Reply refuse = json(400, "{\"error\":{\"code\":400,\"message\":"
                + "\"Unsupported param: response_format type json_schema\",\"type\":\"invalid_request_error\"}}");
        server.answer((exchange, request) ->
                (request.json().has("response_format") ? refuse : ok).answer(exchange, request));
        OpenAiCompatibleModel model = model();

        Completion first = answer(model.generate(HELLO.withJsonSchema(SCHEMA), GenerationParams.GREEDY,
                TokenListener.NONE));
        Completion second = answer(model.generate(HELLO.withJsonSchema(SCHEMA), GenerationParams.GREEDY,
                TokenListener.NONE));

        assertThat(first.text()).isEqualTo("{\"plan\":\"x\"}");
        assertThat(second.text()).isEqualTo("{\"plan\":\"x\"}");
        assertThat(server.next().json().has("response_format")).isTrue();
        assertThat(server.next().json().has("response_format")).isFalse();
        assertThat(server.next().json().has("response_format")).isFalse();
        assertThat(server.waiting()).isZero();
    }

    @Test
    void aBadRequestThatDoesNotBlameTheSchemaIsNotRetried() throws Exception {
        server.answer(json(400, "{\"error\":{\"message\":\"max_tokens is too large: 99999\"}}"));

        String message = failure(model().generate(HELLO.withJsonSchema(SCHEMA), GenerationParams.GREEDY,
                TokenListener.NONE));

        assertThat(message).isEqualTo(server.url() + "/v1/chat/completions answered HTTP 400: "
                + "max_tokens is too large: 99999");
        server.next();
        assertThat(server.waiting()).isZero();
    }

    // ---- failures

    static Stream<Arguments> httpErrors() {
        return Stream.of(
                Arguments.of(401, "{\"error\":{\"message\":\"Invalid API key provided\",\"type\":\"invalid_request_error\"}}",
                        "HTTP 401: Invalid API key provided"),
                Arguments.of(404, "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}",
                        "HTTP 404: model \"llama9\" not found, try pulling it first"),
                Arguments.of(500, "{\"object\":\"error\",\"message\":\"CUDA out of memory\",\"code\":500}",
                        "HTTP 500: CUDA out of memory"),
                Arguments.of(502, "upstream\nexploded\n  at line 3", "HTTP 502: upstream exploded at line 3"),
                Arguments.of(503, "", "HTTP 503"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpErrors")
    void httpErrorsNameTheUrlTheStatusAndTheServersMessage(int status, String body, String expected) throws Exception {
        server.answer(status == 502 ? FakeChatServer.text(status, body) : json(status, body));
        OpenAiCompatibleModel model = model(server.url(), null, "sk-secret", OpenAiCompatibleModel.Options.DEFAULTS);

        String message = failure(model.generate(HELLO, GenerationParams.GREEDY, TokenListener.NONE));

        assertThat(message).isEqualTo(server.url() + "/v1/chat/completions answered " + expected);
        assertThat(message).doesNotContain("sk-secret");
    }

    @Test
    void anUnreachableServerIsReportedAsSuch() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        OpenAiCompatibleModel model = model(URI.create("http://127.0.0.1:" + port), null, null,
                OpenAiCompatibleModel.Options.DEFAULTS);

        String message = failure(model.generate(HELLO, GenerationParams.GREEDY, new Recorder()));

        assertThat(message).isEqualTo("cannot reach http://127.0.0.1:" + port + "/v1/chat/completions: connection refused");
    }

    @ParameterizedTest(name = "hang up without the closing chunk: {0}")
    @ValueSource(booleans = {false, true})
    void aServerThatDiesMidStreamIsReported(boolean abrupt) throws Exception {
        server.answer((exchange, request) -> {
            OutputStream out = startStream(exchange);
            event(out, chunk("one"));
            event(out, chunk(" two"));
            event(out, chunk(" thr"));
            // A half-written event: it must be dropped, not parsed.
            out.write("data: {\"choi".getBytes());
            out.flush();
            if (abrupt) {
                throw new FakeChatServer.Hangup();
            }
        });
        Recorder listener = new Recorder();

        String message = failure(model().generate(HELLO, GenerationParams.GREEDY, listener));

        String prefix = server.url() + "/v1/chat/completions closed the stream after ";
        if (abrupt) {
            // The JDK's client drops bytes that arrived together with the broken connection, so
            // fewer chunks than were sent may have been read; the cause is named.
            assertThat(message).startsWith(prefix)
                    .matches(".* after [0-3] chunks without finishing \\(.+\\)");
        } else {
            assertThat(message).isEqualTo(prefix + "3 chunks without finishing");
        }
    }

    @Test
    void aBodyThatIsNotJsonIsReported() throws Exception {
        server.answer(FakeChatServer.text(200, "<html><body>Bad gateway</body></html>"));

        String message = failure(model().generate(HELLO, GenerationParams.GREEDY, TokenListener.NONE));

        assertThat(message).isEqualTo(server.url() + "/v1/chat/completions answered with a body that is not "
                + "a JSON object: <html><body>Bad gateway</body></html>");
    }

    @Test
    void aMalformedEventIsReported() throws Exception {
        server.answer(events(List.of(chunk("one"), "{not json", "[DONE]")));

        String message = failure(model().generate(HELLO, GenerationParams.GREEDY, new Recorder()));

        assertThat(message).isEqualTo(server.url() + "/v1/chat/completions sent a malformed event after 1 chunks: "
                + "{not json");
    }

    @Test
    void anErrorInTheStreamIsReportedWithTheServersMessage() throws Exception {
        server.answer(events(List.of(chunk("one"), "{\"error\":{\"message\":\"slot unavailable\"}}")));

        String message = failure(model().generate(HELLO, GenerationParams.GREEDY, new Recorder()));

        assertThat(message).isEqualTo(server.url() + "/v1/chat/completions reported an error after 1 chunks: "
                + "slot unavailable");
    }

    @ParameterizedTest(name = "quiet after {0} chunks")
    @ValueSource(ints = {-1, 0, 2})
    void aServerThatGoesQuietTimesOut(int chunks) throws Exception {
        // -1: not even the headers come; 0: headers, then nothing.
        server.answer((exchange, request) -> {
            if (chunks >= 0) {
                OutputStream out = startStream(exchange);
                for (int i = 0; i < chunks; i++) {
                    event(out, chunk("t" + i));
                }
            }
            awaitRelease();
        });
        OpenAiCompatibleModel model = model(server.url(), null, null,
                OpenAiCompatibleModel.Options.DEFAULTS.withIdleTimeout(Duration.ofMillis(300)));
        long start = System.nanoTime();

        String message = failure(model.generate(HELLO, GenerationParams.GREEDY, new Recorder()));

        assertThat(message).isEqualTo(server.url() + "/v1/chat/completions sent nothing for 300 ms"
                + (chunks > 0 ? " after " + chunks + " chunks" : "") + "; gave up waiting");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 3_000L);
    }

    private void awaitRelease() {
        try {
            release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- cancelling and closing

    /** Streams until a write fails, then counts {@code clientGone} down. */
    private static FakeChatServer.Reply endless(CountDownLatch beforeFirst, CountDownLatch clientGone) {
        return (exchange, request) -> {
            try {
                beforeFirst.await(10, TimeUnit.SECONDS);
                OutputStream out = startStream(exchange);
                for (int i = 0; i < 10_000; i++) {
                    event(out, chunk("t" + i + " "));
                    Thread.sleep(2);
                }
            } catch (IOException gone) {
                clientGone.countDown();
                throw gone;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void cancellingMidStreamHangsUpSilencesTheListenerAndFreesTheWorker() throws Exception {
        CountDownLatch clientGone = new CountDownLatch(1);
        server.answer(endless(new CountDownLatch(0), clientGone));
        OpenAiCompatibleModel model = model();
        Recorder listener = new Recorder();
        CompletableFuture<Completion> call = model.generate(HELLO, GenerationParams.GREEDY, listener);
        assertThat(listener.first.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(call.cancel(true)).isTrue();
        int batchesAtCancel = listener.batches.size();

        assertThat(clientGone.await(5, TimeUnit.SECONDS)).as("the server sees the client hang up").isTrue();
        server.answer(completion("next", "stop", 1, 1));
        assertThat(answer(model.generate(HELLO, GenerationParams.GREEDY, TokenListener.NONE)).text()).isEqualTo("next");
        // At most the batch being handed over as cancel() ran.
        assertThat(listener.batches.size()).isLessThanOrEqualTo(batchesAtCancel + 1);
        assertThat(call).isCancelled();
    }

    @Test
    void cancellingBeforeTheAnswerStartsAlsoHangsUp() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch clientGone = new CountDownLatch(1);
        server.answer(endless(cancelled, clientGone));
        OpenAiCompatibleModel model = model();
        Recorder listener = new Recorder();
        CompletableFuture<Completion> call = model.generate(HELLO, GenerationParams.GREEDY, listener);
        server.next();

        call.cancel(true);
        cancelled.countDown();

        assertThat(clientGone.await(5, TimeUnit.SECONDS)).as("the server sees the client hang up").isTrue();
        assertThat(listener.batches).isEmpty();
    }

    @Test
    void closingFailsRunningQueuedAndLaterCalls() throws Exception {
        server.answer((exchange, request) -> awaitRelease());
        OpenAiCompatibleModel model = model();
        CompletableFuture<Completion> running = model.generate(HELLO, GenerationParams.GREEDY, new Recorder());
        server.next();
        CompletableFuture<Completion> queued = model.generate(HELLO, GenerationParams.GREEDY, TokenListener.NONE);

        model.close();

        assertThat(failure(running)).isEqualTo("model test is closed");
        assertThat(failure(queued)).isEqualTo("model test is closed");
        assertThat(failure(model.generate(HELLO, GenerationParams.GREEDY, TokenListener.NONE)))
                .isEqualTo("model test is closed");
        assertThat(server.waiting()).as("the queued call never reached the server").isZero();
    }

    // ---- the URL

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "http://127.0.0.1:8080,                         http://127.0.0.1:8080/v1",
            "http://127.0.0.1:8080/,                        http://127.0.0.1:8080/v1",
            "http://127.0.0.1:11434/v1,                     http://127.0.0.1:11434/v1",
            "http://127.0.0.1:11434/v1/,                    http://127.0.0.1:11434/v1",
            "https://gpu.example.org/openai,                https://gpu.example.org/openai/v1",
            "http://localhost:8000/v1/chat/completions,     http://localhost:8000/v1",
            "HTTP://localhost:8000/v1?x=1,                  http://localhost:8000/v1"})
    void theBaseUrlIsNormalisedToV1(String given, String expected) {
        OpenAiCompatibleModel model = model(URI.create(given), null, null, OpenAiCompatibleModel.Options.DEFAULTS);

        assertThat(model.baseUrl()).hasToString(expected);
        assertThat(model.description()).isEqualTo(new ModelDescription("test", "server", expected, "", false));
    }

    @Test
    void aBaseUrlWithV1ReachesTheSameEndpoint() throws Exception {
        server.answer(completion("hi", "stop", 1, 1));
        OpenAiCompatibleModel model = model(URI.create(server.url() + "/v1/"), null, null,
                OpenAiCompatibleModel.Options.DEFAULTS);

        answer(model.generate(HELLO, GenerationParams.GREEDY, TokenListener.NONE));

        assertThat(server.next().path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void urlsThatAreNotHttpOrCarryCredentialsAreRefused() {
        assertThatThrownBy(() -> OpenAiCompatibleModel.connect(URI.create("file:///tmp/model"), null, null, "m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
        assertThatThrownBy(() -> OpenAiCompatibleModel.connect(URI.create("http://me:hunter2@host:8080"), null, null, "m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
    }

    @Test
    void anInvalidSchemaFailsTheCallWithoutReachingTheServer() throws Exception {
        String message = failure(model().generate(HELLO.withJsonSchema("{\"type\": "), GenerationParams.GREEDY,
                TokenListener.NONE));

        assertThat(message).startsWith("the answer's JSON Schema is not valid JSON");
        assertThat(server.waiting()).isZero();
    }
}
