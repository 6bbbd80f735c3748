package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.cli.bench.BenchmarkRecord;
import io.batos.kernel.ValueJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one soak and its verdict: it passed when nothing acknowledged was lost, nothing
 * refused appeared, every {@code verify} passed, no server died on its own or failed to stop
 * cleanly, and at least one transaction was acknowledged (a soak that wrote nothing proved
 * nothing).
 *
 * @param failures what went wrong beyond the ledger (crashes, an unclean stop, damage), first first
 * @param messages the ledger's first described losses and phantoms
 */
record SoakReport(long seed, int clients, Duration duration, Duration killEvery, Duration elapsed, int lives,
                  long kills, long crashes, long transactionsAcknowledged, long sets, long evals,
                  long objectsCreated, long methodsInstalled, long cyclesStarted, long cyclesCompleted,
                  long cyclesFailed, long cyclesInterrupted, long wrongAnswers, long reads, long unanswered,
                  long stalls, long connections, long tornTails, long indexRebuilds, long undos, long undosRefused,
                  long packs, long verifies, double readyMeanSeconds, double readyMaxSeconds,
                  double betweenMeanSeconds, double betweenMaxSeconds, String verify, long checks, long lost, long phantoms,
                  Map<String, Long> errors, Map<String, Long> cycleErrors, List<String> failures,
                  List<String> messages) {

    static SoakReport of(Soak.Options o, Duration elapsed, int lives, Soak.Counts c, SoakLedger ledger, String verify,
                         List<String> failures) {
        return new SoakReport(o.seed(), o.clients(), o.duration(), o.killEvery(), elapsed, lives, c.kills.get(),
                c.crashes.get(), ledger.acknowledgedTransactions(), c.sets.get(), c.evals.get(), c.objectsCreated.get(),
                c.installs.get(), c.cyclesStarted.get(), c.cyclesCompleted.get(), c.cyclesFailed.get(),
                c.cyclesInterrupted.get(), c.wrongAnswers.get(), c.reads.get(), c.unanswered.get(), c.stalls.get(),
                c.connections.get(), c.tornTails.get(), c.indexRebuilds.get(), c.undos.get(), c.undosRefused.get(),
                c.packs.get(), c.verifies.get(), c.ready.meanSeconds(), c.ready.maxSeconds(), c.between.meanSeconds(),
                c.between.maxSeconds(), verify, ledger.checks(), ledger.lost(), ledger.phantoms(),
                Soak.sorted(c.errors), Soak.sorted(c.cycleErrors), failures, ledger.messages());
    }

    /** Server lives after the first: each one a restart on the image the last one left. */
    long restarts() {
        return Math.max(0, lives - 1);
    }

    boolean ok() {
        return reason() == null;
    }

    /** Why the soak failed, in one line; null when it passed. */
    String reason() {
        if (lost > 0) {
            return lost + " acknowledged " + (lost == 1 ? "promise" : "promises") + " lost" + first();
        }
        if (phantoms > 0) {
            return phantoms + " refused " + (phantoms == 1 ? "write" : "writes") + " found in the image" + first();
        }
        if (!"ok".equals(verify)) {
            return "verify " + verify;
        }
        if (!failures.isEmpty()) {
            return failures.get(0) + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "");
        }
        if (transactionsAcknowledged == 0) {
            return "no transaction was acknowledged in " + Soak.seconds(elapsed.toNanos()) + ", so nothing was tested";
        }
        return null;
    }

    private String first() {
        return messages.isEmpty() ? "" : "; first: " + messages.get(0);
    }

    /** The figures the benchmark record keeps of a soak ({@code batos soak --record}): lost and phantoms must be 0. */
    List<BenchmarkRecord> records() {
        String run = String.format(Locale.ROOT, "%d lives in %s, kills every ~%s, %d clients, seed %d",
                lives, Soak.seconds(elapsed.toNanos()), Soak.seconds(killEvery.toNanos()), clients, seed);
        return List.of(
                BenchmarkRecord.of("soak lost", "Acknowledged transactions lost across SIGKILLs of the server: every"
                        + " acknowledgement checked after the last life", lost, "",
                        String.format(Locale.ROOT, "verify %s, %,d checks; %s", verify, checks, run), "= 0"),
                BenchmarkRecord.of("soak phantoms", "Writes the server refused or never answered that show up in the"
                        + " image anyway", phantoms, "", run, "= 0"),
                BenchmarkRecord.of("soak transactionsAcknowledged", "Transactions acknowledged to the soak's ZMQ"
                        + " clients and checked", transactionsAcknowledged, "",
                        String.format(Locale.ROOT, "%,d sets, %,d eval writes, %,d receivers created, %,d reads; %s",
                                sets, evals, objectsCreated, reads, run), ""),
                BenchmarkRecord.of("soak kills", "SIGKILLs of the serving process, each followed by recovery, verify"
                        + " and a restart", kills, "", String.format(Locale.ROOT,
                        "%d index rebuilds, %d torn tails cut, %d undos, %d packs; ready after start %.1f s mean,"
                                + " %.1f s max; %s", indexRebuilds, tornTails, undos, packs, readyMeanSeconds,
                        readyMaxSeconds, run), ""),
                BenchmarkRecord.of("soak cyclesCompleted", "Cognitive cycles completed while the server was being"
                        + " killed", cyclesCompleted, "", String.format(Locale.ROOT,
                        "%d started, %d cut off by a kill, %d failed, %d wrong answers; %s", cyclesStarted,
                        cyclesInterrupted, cyclesFailed, wrongAnswers, run), ""));
    }

    /** The figures as one JSON object ({@code batos soak --json}). */
    ObjectNode toJson() {
        ObjectNode n = ValueJson.MAPPER.createObjectNode();
        n.put("ok", ok());
        n.put("reason", reason());
        n.put("seed", seed);
        n.put("clients", clients);
        n.put("durationSeconds", duration.toMillis() / 1000.0);
        n.put("killEverySeconds", killEvery.toMillis() / 1000.0);
        n.put("elapsedSeconds", Math.round(elapsed.toMillis() / 100.0) / 10.0);
        n.put("lives", lives);
        n.put("kills", kills);
        n.put("restarts", restarts());
        n.put("crashes", crashes);
        n.put("transactionsAcknowledged", transactionsAcknowledged);
        n.put("sets", sets);
        n.put("evals", evals);
        n.put("objectsCreated", objectsCreated);
        n.put("methodsInstalled", methodsInstalled);
        n.put("cyclesStarted", cyclesStarted);
        n.put("cyclesCompleted", cyclesCompleted);
        n.put("cyclesFailed", cyclesFailed);
        n.put("cyclesInterrupted", cyclesInterrupted);
        n.put("wrongAnswers", wrongAnswers);
        n.put("reads", reads);
        n.put("unanswered", unanswered);
        n.put("stalls", stalls);
        n.put("connections", connections);
        n.put("tornTails", tornTails);
        n.put("indexRebuilds", indexRebuilds);
        n.put("undos", undos);
        n.put("undosRefused", undosRefused);
        n.put("packs", packs);
        n.put("verifies", verifies);
        n.put("serverReadyMeanSeconds", readyMeanSeconds);
        n.put("serverReadyMaxSeconds", readyMaxSeconds);
        n.put("betweenLivesMeanSeconds", betweenMeanSeconds);
        n.put("betweenLivesMaxSeconds", betweenMaxSeconds);
        n.put("verify", verify);
        n.put("checks", checks);
        n.put("lost", lost);
        n.put("phantoms", phantoms);
        n.set("errors", ValueJson.MAPPER.valueToTree(errors));
        n.set("cycleErrors", ValueJson.MAPPER.valueToTree(cycleErrors));
        n.set("failures", ValueJson.MAPPER.valueToTree(failures));
        n.set("messages", ValueJson.MAPPER.valueToTree(messages));
        return n;
    }

    /** The figures for people, one topic a line. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format("soak: %s of lives (asked %s), seed %d, %d clients, %s", Soak.seconds(elapsed.toNanos()),
                duration, seed, clients, killEvery.isZero() ? "no SIGKILLs" : "a SIGKILL every ~" + killEvery));
        out.add(String.format("server lives %d: %d killed, %d restarts, %d died on their own; recovery cut %d torn tails,"
                + " rebuilt the index %d times", lives, kills, restarts(), crashes, tornTails, indexRebuilds));
        out.add(String.format("transactions acknowledged %d: sets %d, evals %d, receivers created %d, methods installed %d",
                transactionsAcknowledged, sets, evals, objectsCreated, methodsInstalled));
        out.add(String.format("cycles started %d: completed %d, failed %d, cut off by a kill or the end %d; wrong answers %d",
                cyclesStarted, cyclesCompleted, cyclesFailed, cyclesInterrupted, wrongAnswers));
        out.add(String.format("reads %d; requests unanswered %d (while the server was up: %d); connections %d",
                reads, unanswered, stalls, connections));
        out.add(String.format("errors %s; cycle errors %s", errors, cycleErrors));
        out.add(String.format(java.util.Locale.ROOT, "server ready in %.1f s on average, %.1f s at most; between lives"
                + " %.1f s on average, %.1f s at most", readyMeanSeconds, readyMaxSeconds, betweenMeanSeconds,
                betweenMaxSeconds));
        out.add(String.format("between lives: undos %d (refused %d), packs %d, verifies %d", undos, undosRefused, packs,
                verifies));
        out.add(String.format("verify %s; checks %d; lost %d; phantoms %d", verify, checks, lost, phantoms));
        messages.forEach(m -> out.add("  " + m));
        failures.forEach(f -> out.add("  " + f));
        return out;
    }
}
