package io.lem.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One queued piece of work (a run, a batch of runs, a calibration) and every event it produced, kept so that a page
 * that subscribes late, or reloads, sees the whole story from the start.
 *
 * @param kind run, batch or calibrate
 */
public final class Job {

    /**
     * One server-sent event: its place in the job's story (from 0; sent as the SSE id, so a browser that reconnects
     * says with {@code Last-Event-ID} where it stopped), its type and snake_case payload.
     */
    public record Event(long seq, String type, Map<String, Object> data) {
    }

    private final String id;
    private final String session;
    private final String kind;
    private final Composition composition;
    private final int runs;
    private final List<Event> events = new ArrayList<>();
    private final List<Consumer<Event>> listeners = new ArrayList<>();
    private volatile boolean cancelled;
    private String state = "queued";
    private Map<String, Object> result;

    public Job(String id, String session, String kind, Composition composition, int runs) {
        this.id = id;
        this.session = session;
        this.kind = kind;
        this.composition = composition;
        this.runs = runs;
    }

    public String id() {
        return id;
    }

    public String session() {
        return session;
    }

    public String kind() {
        return kind;
    }

    public Composition composition() {
        return composition;
    }

    public int runs() {
        return runs;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public void cancel() {
        cancelled = true;
    }

    public synchronized String state() {
        return state;
    }

    public synchronized Map<String, Object> result() {
        return result;
    }

    public synchronized boolean finished() {
        return state.equals("done") || state.equals("cancelled") || state.equals("failed");
    }

    public void emit(String type, Map<String, Object> data) {
        Event e;
        List<Consumer<Event>> now;
        synchronized (this) {
            e = new Event(events.size(), type, data);
            events.add(e);
            now = List.copyOf(listeners);
        }
        now.forEach(l -> l.accept(e));
    }

    /** Moves to {@code newState}; a finishing state also ends every subscriber's stream with an {@code end} event. */
    public void state(String newState, Map<String, Object> finalResult) {
        synchronized (this) {
            state = newState;
            if (finalResult != null) {
                result = finalResult;
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", newState);
        emit("state", data);
        if (finished()) {
            emit("end", data);
        }
    }

    /** Replays every event so far to {@code listener}, then keeps it informed; returns the events replayed. */
    public synchronized List<Event> subscribe(Consumer<Event> listener) {
        return subscribe(listener, -1);
    }

    /**
     * As {@link #subscribe(Consumer)}, but replays only the events after {@code lastSeq}: a reconnecting page has the
     * others already, and replaying them would show its answer twice.
     */
    public synchronized List<Event> subscribe(Consumer<Event> listener, long lastSeq) {
        listeners.add(listener);
        int from = (int) Math.max(0, Math.min(events.size(), lastSeq + 1));
        return List.copyOf(events.subList(from, events.size()));
    }

    public synchronized void unsubscribe(Consumer<Event> listener) {
        listeners.remove(listener);
    }

    public synchronized Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("kind", kind);
        json.put("runs", runs);
        json.put("state", state);
        json.put("result", result);
        return json;
    }
}
