package io.batos.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A fair scheduler between clients for one kind of work: each client's requests wait in its own
 * queue, clients take turns (round robin) for the lane's threads, and no client has more than
 * {@code perClient} requests running at once.
 *
 * <p>Why not one shared queue: a client that pipelines ten thousand requests would then stand
 * before everyone else's. Here it gets one turn in each round like any other client, so a
 * neighbour's request waits for at most one request of each other client, not for the flood. A
 * client's queue is bounded too; {@link #submit} refuses beyond it and the server answers at once.
 *
 * <p>Not thread-safe by design: only the server's socket thread calls it, which is also the only
 * thread that learns a job has finished (the job's reply comes back through the reply pipe).
 */
final class Lane {
    /**
     * A request waiting for, or running on, a thread.
     *
     * @param client the client's routing identity, as a map key
     * @param reply  where the reply goes
     * @param id     the request's id, for a refusal
     * @param work   computes the reply and hands it to the reply pipe
     */
    record Job(String client, Route reply, com.fasterxml.jackson.databind.JsonNode id, Runnable work) {
    }

    private static final class Client {
        final String key;
        final ArrayDeque<Job> waiting = new ArrayDeque<>();
        int running;
        boolean inTurn;

        Client(String key) {
            this.key = key;
        }
    }

    private final Executor threads;
    private final int maxRunning;
    private final int perClient;
    private final int queuedPerClient;
    private final Map<String, Client> clients = new HashMap<>();
    private final ArrayDeque<Client> turns = new ArrayDeque<>();
    private int running;

    /**
     * @param threads         runs the jobs
     * @param maxRunning      jobs running at once in this lane (the thread count)
     * @param perClient       jobs of one client running at once
     * @param queuedPerClient jobs of one client waiting at once
     */
    Lane(Executor threads, int maxRunning, int perClient, int queuedPerClient) {
        this.threads = threads;
        this.maxRunning = maxRunning;
        this.perClient = perClient;
        this.queuedPerClient = queuedPerClient;
    }

    /** Queues a job and starts what may start; false (and nothing queued) when its client's queue is full. */
    boolean submit(Job job) {
        Client c = clients.computeIfAbsent(job.client(), Client::new);
        if (c.waiting.size() >= queuedPerClient) {
            return false;
        }
        c.waiting.add(job);
        takeTurn(c);
        dispatch();
        return true;
    }

    /** A job of {@code client} has replied: its thread is free. */
    void finished(String client) {
        Client c = clients.get(client);
        running--;
        if (c != null) {
            c.running--;
            takeTurn(c);
            retire(c);
        }
        dispatch();
    }

    /** Jobs running now. */
    int running() {
        return running;
    }

    /** Removes and answers every job still waiting (at shutdown, so each can be refused). */
    List<Job> drainWaiting() {
        List<Job> out = new ArrayList<>();
        for (Client c : clients.values()) {
            out.addAll(c.waiting);
            c.waiting.clear();
        }
        turns.clear();
        clients.values().forEach(c -> c.inTurn = false);
        clients.values().removeIf(c -> c.running == 0);
        return out;
    }

    /** Clients known to the lane now (running or waiting): bounded by activity, not by history. */
    int clients() {
        return clients.size();
    }

    private void takeTurn(Client c) {
        if (!c.inTurn && !c.waiting.isEmpty() && c.running < perClient) {
            c.inTurn = true;
            turns.add(c);
        }
    }

    private void retire(Client c) {
        if (c.running == 0 && c.waiting.isEmpty()) {
            clients.remove(c.key);
        }
    }

    private void dispatch() {
        while (running < maxRunning && !turns.isEmpty()) {
            Client c = turns.poll();
            c.inTurn = false;
            Job job = c.waiting.poll();
            c.running++;
            running++;
            threads.execute(job.work());
            takeTurn(c);
        }
    }
}
