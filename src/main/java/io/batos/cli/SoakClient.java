package io.batos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.kernel.ValueJson;
import io.batos.net.ImageClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * One of the soak's clients: speaks to whichever server life is current, through a fresh
 * {@link ImageClient} each life, doing random edits of the soak's objects and now and then a
 * mission that teaches a fresh receiver the demo selectors through cognitive cycles — and records
 * in the {@link SoakLedger} every reply that acknowledged a transaction.
 *
 * <p>Why each call's timeout is bounded by the life's planned end: the driver draws the moment of
 * each SIGKILL when the server becomes ready, and no reply can arrive after the process is gone
 * (save one already on the wire, hence {@link #GRACE}); waiting longer would only idle the client
 * through the next life. The server does not know the moment, so the kills stay random to it.
 *
 * <p>Values are unique per attempt (a counter in the high bits, the client's number in the low
 * ones), so a value found in the image names the request that wrote it. A request that got no
 * reply is recorded as unanswered — it may have committed, and either outcome is right — and the
 * client reconnects.
 */
final class SoakClient implements Runnable {
    /** Timeout of a quick request while the server lives (generous: a loaded CI machine). */
    static final Duration QUICK = Duration.ofSeconds(30);
    /** Timeout of a send that starts a cycle: planning, writing and checking a method. */
    static final Duration THOUGHT = Duration.ofMinutes(5);
    static final Duration CONNECT = Duration.ofSeconds(30);
    /** How long after a life's planned end a reply may still arrive: sent just before the kill. */
    static final Duration GRACE = Duration.ofSeconds(2);
    /**
     * The demo selectors in the tour's order, the order the demo core answers them best in when
     * one receiver learns them all (see {@code DemoCycleScripts}).
     */
    static final List<String> TOUR = List.of("fibonacci", "factorial", "isPrime", "greet", "tally");
    /** The slots edited on each soak object: counters, strings and a list. */
    static final List<String> SLOTS = List.of("n0", "n1", "n2", "s0", "s1", "l0");
    /** Slots written by {@code eval} snippets. */
    static final List<String> EVAL_SLOTS = List.of("e0", "e1");

    /** A request that got no reply: the life ended under it, or the connection went dead. */
    private static final class NoReply extends RuntimeException {
        NoReply() {
            super(null, null, false, false);
        }
    }

    private final int number;
    private final Random random;
    private final Soak.Stage stage;
    private final Soak.Lives lives;
    private final SoakLedger ledger;
    private final Soak.Counts counts;
    private final Semaphore thinkers;
    private long sequence;
    private int receivers;

    SoakClient(int number, long seed, Soak.Stage stage, Soak.Lives lives, SoakLedger ledger, Soak.Counts counts,
               Semaphore thinkers) {
        this.number = number;
        this.random = new Random(seed);
        this.stage = stage;
        this.lives = lives;
        this.ledger = ledger;
        this.counts = counts;
        this.thinkers = thinkers;
    }

    @Override
    public void run() {
        int seen = 0;
        for (Soak.Life life; (life = lives.next(seen)) != null; ) {
            seen = life.number();
            try {
                serve(life);
            } catch (RuntimeException e) {
                // A reply this client cannot read is a finding; the client goes on with the next life.
                counts.problems.add("client " + number + " broke in life " + life.number() + ": " + Failures.message(e));
            }
        }
    }

    /** Works against one life until it ends, reconnecting after a request that went unanswered. */
    private void serve(Soak.Life life) {
        while (!over(life)) {
            Duration connect = bounded(life, CONNECT);
            if (connect.isZero()) {
                return;
            }
            ImageClient client;
            try {
                client = ImageClient.connect(life.endpoint(), null, connect);
            } catch (RuntimeException e) {
                if (!over(life)) {
                    counts.connectFailures.incrementAndGet();
                }
                continue;
            }
            counts.connections.incrementAndGet();
            try (client) {
                while (!over(life)) {
                    step(client, life);
                }
            } catch (NoReply e) {
                // Counted where it happened; a new connection, if the life goes on.
            }
        }
    }

    private boolean over(Soak.Life life) {
        return System.nanoTime() >= life.endsAt() || !lives.isCurrent(life);
    }

    private static Duration bounded(Soak.Life life, Duration timeout) {
        long left = life.endsAt() + GRACE.toNanos() - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(Math.min(timeout.toNanos(), left));
    }

    /** One random request, weighted towards edits. */
    private void step(ImageClient client, Soak.Life life) {
        double p = random.nextDouble();
        if (p < 0.02 && thinkers.tryAcquire()) {
            try {
                think(client, life);
            } finally {
                thinkers.release();
            }
        } else if (p < 0.05) {
            evalWrite(client, life);
        } else if (p < 0.12) {
            read(client, life);
        } else if (p < 0.14) {
            ObjectNode request = client.request("history");
            request.put("limit", 5);
            answered(call(client, life, request, QUICK));
            counts.reads.incrementAndGet();
        } else {
            set(client, life);
        }
    }

    /**
     * Sends and waits within the life.
     *
     * @throws NoReply when no reply came (counted as unanswered; as a stall when the server was
     *                 meant to be up the whole time)
     */
    private JsonNode call(ImageClient client, Soak.Life life, ObjectNode request, Duration timeout) {
        Duration bound = bounded(life, timeout);
        if (bound.isZero()) {
            throw new NoReply();
        }
        try {
            return client.call(request, bound);
        } catch (RuntimeException e) {
            counts.unanswered.incrementAndGet();
            if (!over(life)) {
                counts.stalls.incrementAndGet();
            }
            throw new NoReply();
        }
    }

    /** Whether a reply is {@code ok}; an error is counted by its code. */
    private boolean answered(JsonNode reply) {
        if (reply.path("ok").asBoolean(false)) {
            return true;
        }
        counts.error(reply.path("error").path("code").asText("error"));
        return false;
    }

    private void set(ImageClient client, Soak.Life life) {
        long oid = stage.edited().get(random.nextInt(stage.edited().size()));
        String slot = SLOTS.get(random.nextInt(SLOTS.size()));
        JsonNode value = freshValue(slot);
        ObjectNode request = client.request("set");
        request.put("target", "@" + oid).put("slot", slot).set("value", value);
        write(client, life, request, new SoakLedger.SlotKey(oid, slot), value, "set");
    }

    /** An eval that writes: the snippet is compiled and run in the sandbox, and commits like a set. */
    private void evalWrite(ImageClient client, Soak.Life life) {
        long oid = stage.edited().get(random.nextInt(stage.edited().size()));
        String slot = EVAL_SLOTS.get(random.nextInt(EVAL_SLOTS.size()));
        long value = (++sequence << 8) | number;
        ObjectNode request = client.request("eval");
        request.put("target", "@" + oid).put("code", "self.set(\"" + slot + "\", " + value + "L); self.markChanged(); "
                + "return self.get(\"" + slot + "\");");
        JsonNode reply = write(client, life, request, new SoakLedger.SlotKey(oid, slot), LongNode.valueOf(value), "eval");
        if (reply != null && reply.path("result").path("value").asLong() != value) {
            // The snippet read back what it had just set, in its own transaction: anything else is broken isolation.
            counts.problems.add("eval on @" + oid + " set " + slot + " to " + value + " but read back "
                    + reply.path("result").path("value"));
        }
    }

    /** A write's request and what its reply promised; answers the reply when it was ok. */
    private JsonNode write(ImageClient client, Soak.Life life, ObjectNode request, SoakLedger.SlotKey key,
                           JsonNode value, String source) {
        JsonNode canonical = SoakLedger.canonical(value);
        JsonNode reply;
        try {
            reply = call(client, life, request, QUICK);
        } catch (NoReply e) {
            ledger.unanswered(key, canonical);
            throw e;
        }
        if (!answered(reply)) {
            ledger.refused(key, canonical);
            return null;
        }
        long txId = reply.path("result").path("txId").asLong();
        if (txId <= 0) {
            counts.error("no-txId");
            ledger.unanswered(key, canonical);
            return null;
        }
        ledger.acknowledged(new SoakLedger.Write(key.oid(), key.slot(), canonical, txId, source));
        (source.equals("set") ? counts.sets : counts.evals).incrementAndGet();
        return reply;
    }

    private JsonNode freshValue(String slot) {
        long seq = ++sequence;
        return switch (slot.charAt(0)) {
            case 'n' -> LongNode.valueOf((seq << 8) | number);
            case 's' -> ValueJson.MAPPER.getNodeFactory().textNode("c" + number + "-" + seq);
            default -> {
                ArrayNode list = ValueJson.MAPPER.createArrayNode();
                list.add(number).add(seq).add("x" + seq);
                yield list;
            }
        };
    }

    private void read(ImageClient client, Soak.Life life) {
        long oid = stage.edited().get(random.nextInt(stage.edited().size()));
        ObjectNode request = client.request("get");
        request.put("target", "@" + oid).put("slot", SLOTS.get(random.nextInt(SLOTS.size())));
        JsonNode reply = call(client, life, request, QUICK);
        // A slot nobody has written yet is not-found: a correct answer, not an error.
        if (reply.path("ok").asBoolean(false) || reply.path("error").path("code").asText().equals("not-found")) {
            counts.reads.incrementAndGet();
        } else {
            answered(reply);
        }
    }

    /**
     * A mission: a fresh receiver (a clone made by {@code eval}, which inherits no demo selector)
     * is taught the tour's selectors one by one, each send starting a cognitive cycle; the first
     * failure or interruption ends it, and the next mission starts with a new receiver.
     */
    private void think(ImageClient client, Soak.Life life) {
        String slot = "r" + number + "_" + receivers++;
        ObjectNode create = client.request("eval");
        create.put("target", "@" + stage.receivers()).put("code",
                "UvmObject r = self.clone(); self.set(\"" + slot + "\", r); return r;");
        JsonNode reply = call(client, life, create, QUICK);
        if (!answered(reply)) {
            return;
        }
        long receiver = reply.path("result").path("value").path("$ref").asLong(-1);
        long txId = reply.path("result").path("txId").asLong();
        if (receiver < 0 || txId <= 0) {
            counts.error("no-receiver");
            return;
        }
        ledger.acknowledged(new SoakLedger.Created(receiver, stage.receivers(), slot, txId));
        counts.objectsCreated.incrementAndGet();
        for (String selector : TOUR) {
            if (!teach(client, life, receiver, selector)) {
                return;
            }
        }
    }

    /** Sends a selector the receiver does not understand yet; answers whether it was learnt. */
    private boolean teach(ImageClient client, Soak.Life life, long receiver, String selector) {
        ArrayNode args = ValueJson.MAPPER.createArrayNode();
        Object expected;
        switch (selector) {
            case "fibonacci" -> {
                int n = 1 + random.nextInt(40);
                args.add(n);
                expected = fibonacci(n);
            }
            case "factorial" -> {
                int n = random.nextInt(21);
                args.add(n);
                expected = factorial(n);
            }
            case "isPrime" -> {
                int n = random.nextInt(1000);
                args.add(n);
                expected = isPrime(n);
            }
            case "greet" -> {
                args.add("soak" + number);
                expected = "Hello, soak" + number + "!";
            }
            default -> expected = 1L;
        }
        ObjectNode request = client.request("send");
        request.put("target", "@" + receiver).put("selector", selector).put("approve", true).set("args", args);
        counts.cyclesStarted.incrementAndGet();
        JsonNode reply;
        try {
            reply = call(client, life, request, THOUGHT);
        } catch (NoReply e) {
            counts.cyclesInterrupted.incrementAndGet();
            throw e;
        }
        if (!reply.path("ok").asBoolean(false)) {
            counts.cyclesFailed.incrementAndGet();
            counts.cycleError(reply.path("error").path("code").asText("error"));
            return false;
        }
        counts.cyclesCompleted.incrementAndGet();
        JsonNode result = reply.path("result");
        if (!Objects.equals(ValueJson.fromJson(result.path("value")), expected)) {
            counts.wrongAnswers.incrementAndGet();
        }
        ledger.taught(receiver, selector);
        long txId = result.path("txId").asLong();
        if (txId > 0) {
            // tally counts in the send's own transaction; other demo methods change nothing.
            ledger.acknowledged(selector.equals("tally")
                    ? new SoakLedger.Write(receiver, "count", SoakLedger.canonical(LongNode.valueOf(1)), txId, "send")
                    : new SoakLedger.Committed(receiver, txId, "send " + selector + " to @" + receiver));
        }
        learnInstall(client, life, receiver, selector);
        return true;
    }

    /**
     * Asks the server which transaction installed the method: the send's reply does not say (the
     * cycle commits on its own), the cycle's outcome does. Only this server life knows its cycles.
     * A corrected cycle and its first attempt may both report the one commit, so it counts once.
     */
    private void learnInstall(ImageClient client, Soak.Life life, long receiver, String selector) {
        JsonNode cycles = call(client, life, client.request("cycles"), QUICK);
        if (!answered(cycles)) {
            return;
        }
        Set<Long> seen = new HashSet<>();
        for (JsonNode c : cycles.path("result")) {
            if (c.path("receiver").path("$ref").asLong(-1) != receiver || !c.path("selector").asText().equals(selector)
                    || !c.path("finished").asBoolean()) {
                continue;
            }
            ObjectNode request = client.request("cycle");
            request.put("cycleId", c.path("cycleId").asText());
            JsonNode detail = call(client, life, request, QUICK);
            JsonNode outcome = detail.path("result").path("outcome");
            if (answered(detail) && outcome.path("complete").asBoolean() && outcome.path("txId").asLong() > 0
                    && seen.add(outcome.path("txId").asLong())) {
                ledger.acknowledged(new SoakLedger.Installed(receiver, selector, outcome.path("txId").asLong()));
                counts.installs.incrementAndGet();
            }
        }
    }

    static long fibonacci(int n) {
        long a = 0;
        long b = 1;
        for (int i = 0; i < n; i++) {
            long next = a + b;
            a = b;
            b = next;
        }
        return a;
    }

    static long factorial(int n) {
        long result = 1;
        for (int i = 2; i <= n; i++) {
            result *= i;
        }
        return result;
    }

    static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
