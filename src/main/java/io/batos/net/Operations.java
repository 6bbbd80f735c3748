package io.batos.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.code.RejectedException;
import io.batos.cognition.psm.CognitiveCycle;
import io.batos.cognition.psm.CycleOutcome;
import io.batos.cognition.psm.Orchestrator;
import io.batos.image.ImageException;
import io.batos.image.TxInfo;
import io.batos.kernel.CycleDescription;
import io.batos.kernel.Kernel;
import io.batos.kernel.MethodInstaller;
import io.batos.kernel.ObjectDescription;
import io.batos.kernel.SendScope;
import io.batos.kernel.SlotDescription;
import io.batos.kernel.ValueJson;
import io.batos.kernel.VerdictJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The operations a client can ask for, each a thin translation between a {@link Request} and one
 * call of the kernel facade or the vessel's orchestrator — the very calls the workbench makes, so
 * a client can do what the UI can and nothing more.
 *
 * <p>Each operation says which {@link Lane} it runs in: {@code ping} is answered on the socket
 * thread itself (it proves the server is alive, so it must not queue behind anything); the rest
 * run on worker threads, and those that may run methods — and so start a cognitive cycle and wait
 * for it — run apart from the quick ones, so a thought never holds up a read.
 *
 * <p>Results use the JSON forms of DESIGN §12: values tagged ({@code {"$ref": 12}} …), commits as
 * {@code txId}, verdicts as {@code {"accepted", "findings"}}.
 */
final class Operations {
    /** Where an operation runs. */
    enum Lane { INLINE, QUICK, SLOW }

    /** What an operation does with a request. */
    @FunctionalInterface
    interface Handler {
        JsonNode handle(Request request) throws Exception;
    }

    /** One operation: its name, its lane and its handler. */
    record Op(String name, Lane lane, Handler handler) {
    }

    /** Operations of later layers (memory search, metacognition), answered {@code not-found} for now. */
    static final List<String> NOT_YET = List.of("report", "datasets", "dataset");

    private final Kernel kernel;
    private final Map<String, Op> ops = new LinkedHashMap<>();

    Operations(Kernel kernel) {
        this.kernel = kernel;
        add("ping", Lane.INLINE, this::ping);
        add("lookup", Lane.QUICK, r -> oid(kernel.resolve(r.text("target"))));
        add("describe", Lane.QUICK, this::describe);
        add("get", Lane.QUICK, this::get);
        add("set", Lane.QUICK, this::set);
        add("install", Lane.QUICK, this::install);
        add("history", Lane.QUICK, this::history);
        add("cycles", Lane.QUICK, r -> cycles());
        add("cycle", Lane.QUICK, r -> cycleJson(kernel.cycle(r.text("cycleId"))));
        add("send", Lane.SLOW, this::send);
        add("eval", Lane.SLOW, this::eval);
        add("approve", Lane.SLOW, this::approve);
        add("reject", Lane.SLOW, this::reject);
        add("search", Lane.SLOW, this::search);
        for (String later : NOT_YET) {
            add(later, Lane.INLINE, r -> {
                throw new ImageException(ImageException.Code.NOT_FOUND, "op '" + later
                        + "' is not available in this build yet (ALFRED's report and datasets land with the rest of issue 7)");
            });
        }
    }

    private void add(String name, Lane lane, Handler handler) {
        ops.put(name, new Op(name, lane, handler));
    }

    /** The operation of that name, or null. */
    Op find(String name) {
        return ops.get(name);
    }

    /** Every operation's name, in the order the protocol lists them. */
    List<String> names() {
        return List.copyOf(ops.keySet());
    }

    // ---- objects --------------------------------------------------------------------------------

    private JsonNode ping(Request r) {
        ObjectNode result = object();
        result.put("pong", true);
        result.put("time", Instant.now().toString());
        return result;
    }

    private JsonNode describe(Request r) {
        ObjectDescription d = kernel.describe(kernel.resolve(r.text("target")));
        ObjectNode result = object();
        result.put("oid", d.oid());
        ArrayNode parents = result.putArray("parents");
        d.parents().forEach(p -> parents.add(ref(p)));
        ArrayNode slots = result.putArray("slots");
        ArrayNode methods = result.putArray("methods");
        for (SlotDescription s : d.slots()) {
            ObjectNode slot = slots.addObject();
            slot.put("name", s.name());
            slot.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            slot.set("holder", ref(s.holder()));
            slot.put("inherited", s.inherited());
            JsonNode value = json(s.json());
            slot.set("value", value);
            if (s.kind() == SlotDescription.Kind.METHOD || s.kind() == SlotDescription.Kind.PRIMITIVE) {
                ObjectNode method = methods.addObject();
                method.put("selector", s.name());
                method.put("kind", slot.get("kind").asText());
                method.set("holder", ref(s.holder()));
                method.put("inherited", s.inherited());
                if (s.kind() == SlotDescription.Kind.METHOD) {
                    method.set("source", value.get("$method"));
                } else {
                    method.set("primitive", value.get("$primitive"));
                }
            }
        }
        return result;
    }

    /** A slot's value as lookup finds it, or with no slot the object as {@code batos get} prints it. */
    private JsonNode get(Request r) {
        long oid = kernel.resolve(r.text("target"));
        String slot = r.optionalText("slot");
        if (slot != null) {
            return ValueJson.toJson(kernel.get(oid, slot));
        }
        ObjectDescription d = kernel.describe(oid);
        ObjectNode result = object();
        result.put("oid", d.oid());
        ArrayNode parents = result.putArray("parents");
        d.parents().forEach(p -> parents.add(ref(p)));
        ObjectNode slots = result.putObject("slots");
        for (SlotDescription s : d.own()) {
            if (s.kind() != SlotDescription.Kind.PARENTS && s.kind() != SlotDescription.Kind.VOLATILE) {
                slots.set(s.name(), json(s.json()));
            }
        }
        return result;
    }

    private JsonNode set(Request r) {
        String target = r.text("target");
        String slot = r.text("slot");
        Object value = r.value("value");
        return tx(kernel.set(kernel.resolve(target), slot, value));
    }

    /** Installs through the guardian, the compiler and the sandbox; a refusal is a {@code rejected} error with the verdict. */
    private JsonNode install(Request r) {
        String target = r.text("target");
        String selector = r.text("selector");
        String source = r.text("source");
        MethodInstaller.Result result = kernel.install(kernel.resolve(target), selector, source);
        if (!result.installed()) {
            throw new RejectedException("install " + target + "." + selector, result.verdict());
        }
        ObjectNode node = object();
        node.put("oid", result.oid());
        node.put("txId", result.txId());
        node.set("verdict", VerdictJson.toJson(result.verdict()));
        return node;
    }

    /** The image's biography, oldest first; {@code limit} keeps the newest, {@code target} those that wrote it. */
    /** Fractal Memory: {@code query} in Lucene syntax, optional {@code limit} (default 10). */
    private JsonNode search(Request r) {
        ArrayNode hits = ValueJson.MAPPER.createArrayNode();
        for (io.batos.memory.Hit hit : kernel.searchMemory(r.text("query"), r.count("limit", 10))) {
            ObjectNode h = hits.addObject();
            h.put("cycleId", hit.cycleId());
            h.put("score", hit.score());
            h.put("outcome", hit.outcome());
            h.put("selector", hit.selector());
            h.put("snippet", hit.snippet());
        }
        return hits;
    }

    private JsonNode history(Request r) {
        int limit = r.count("limit", Integer.MAX_VALUE);
        String target = r.optionalText("target");
        List<TxInfo> history = kernel.history();
        if (target != null) {
            long oid = kernel.resolve(target);
            history = history.stream().filter(t -> t.oids().contains(oid)).toList();
        }
        if (history.size() > limit) {
            history = history.subList(history.size() - limit, history.size());
        }
        ArrayNode array = ValueJson.MAPPER.createArrayNode();
        for (TxInfo t : history) {
            ObjectNode node = array.addObject();
            node.put("txId", t.txId());
            node.put("time", t.time().toString());
            node.put("note", t.note());
            node.put("origin", t.origin());
            ArrayNode oids = node.putArray("oids");
            t.oids().forEach(oids::add);
        }
        return array;
    }

    // ---- sends: they may start a cycle ------------------------------------------------------------

    /**
     * Sends a message in one transaction. A client cannot show a verdict queue, so the cycles a
     * send starts run only when it says {@code "approve": true} (or the policy is {@code never});
     * otherwise the reply is {@code needs-approval} and nothing starts (DESIGN §8).
     */
    private JsonNode send(Request r) {
        String target = r.text("target");
        String selector = r.text("selector");
        List<Object> args = r.values("args");
        boolean approve = r.flag("approve");
        long oid = kernel.resolve(target);
        Kernel.Evaluation answer = new SendScope(approve, false).run(() -> kernel.send(oid, selector, args.toArray()));
        return evaluation(answer);
    }

    private JsonNode eval(Request r) {
        String target = r.text("target");
        String code = r.text("code");
        boolean approve = r.flag("approve");
        long oid = kernel.resolve(target);
        return evaluation(new SendScope(approve, false).run(() -> kernel.evaluate(oid, code)));
    }

    private JsonNode evaluation(Kernel.Evaluation answer) {
        ObjectNode node = object();
        node.set("value", json(answer.json()));
        node.put("text", answer.text());
        node.put("txId", answer.txId());
        return node;
    }

    // ---- cycles -------------------------------------------------------------------------------------

    private Orchestrator orchestrator() {
        return kernel.vessel().orchestrator();
    }

    private CognitiveCycle cycle(String id) {
        return orchestrator().cycle(id)
                .orElseThrow(() -> new ImageException(ImageException.Code.NOT_FOUND, "no cycle " + id));
    }

    private JsonNode cycles() {
        ArrayNode array = ValueJson.MAPPER.createArrayNode();
        for (CycleDescription c : kernel.cycles()) {
            array.add(cycleJson(c));
        }
        return array;
    }

    /** Approves a parked cycle and answers once it has ended (committed, or failed on a conflict). */
    private JsonNode approve(Request r) throws Exception {
        CognitiveCycle c = cycle(r.text("cycleId"));
        orchestrator().approve(c.id());
        return outcome(c.outcome());
    }

    private JsonNode reject(Request r) throws Exception {
        CognitiveCycle c = cycle(r.text("cycleId"));
        String note = r.optionalText("note");
        orchestrator().reject(c.id(), note);
        return outcome(c.outcome());
    }

    private JsonNode outcome(CompletableFuture<CycleOutcome> future) throws InterruptedException {
        try {
            return outcomeJson(future.get());
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ImageException(ImageException.Code.ERROR, "the cycle broke: " + cause.getMessage(), cause);
        }
    }

    /** A cycle on the wire: the summary fields, and the details when the description has them. */
    static ObjectNode cycleJson(CycleDescription c) {
        ObjectNode node = object();
        node.put("cycleId", c.cycleId());
        node.put("state", c.state());
        node.put("persona", c.persona());
        node.put("awaitingApproval", c.awaitingApproval());
        node.put("finished", c.finished());
        node.put("missionType", c.missionType());
        node.put("selector", c.selector());
        node.set("receiver", c.receiver() != null ? ref(c.receiver()) : null);
        node.put("covenant", c.covenant());
        node.put("correctionDepth", c.correctionDepth());
        node.put("parentCycle", c.parentCycle());
        node.put("preApproved", c.preApproved());
        node.put("started", c.started().toString());
        CycleDescription.Details details = c.details();
        if (details != null) {
            node.put("artifact", details.artifact());
            node.set("verdict", details.verdict() == null ? null : VerdictJson.toJson(details.verdict()));
            node.put("trialResult", details.trialResult());
            ArrayNode findings = node.putArray("findings");
            details.findings().forEach(findings::add);
            node.set("outcome", details.outcome() != null ? outcomeJson(details.outcome()) : null);
        }
        return node;
    }

    static ObjectNode outcomeJson(CycleOutcome o) {
        ObjectNode node = object();
        node.put("cycleId", o.cycleId());
        node.put("complete", o.complete());
        node.put("txId", o.txId());
        node.put("depth", o.depth());
        node.put("reason", o.reason());
        node.put("artifact", o.artifact());
        node.put("resultOid", o.resultOid());
        ArrayNode findings = node.putArray("findings");
        o.findings().forEach(findings::add);
        return node;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static ObjectNode object() {
        return ValueJson.MAPPER.createObjectNode();
    }

    private static ObjectNode oid(long oid) {
        ObjectNode node = object();
        node.put("oid", oid);
        return node;
    }

    private static ObjectNode tx(long txId) {
        ObjectNode node = object();
        node.put("txId", txId);
        return node;
    }

    static ObjectNode ref(long oid) {
        ObjectNode node = object();
        node.put("$ref", oid);
        return node;
    }

    /** JSON text the kernel produced, as a node. */
    private static JsonNode json(String text) {
        try {
            return ValueJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("the kernel produced JSON that does not parse: " + text, e);
        }
    }
}
