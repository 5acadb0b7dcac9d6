package io.cxengage.connectors.listeners;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The clients this runner runs, one per listener, each with the spec it was started with. A client
 * whose creation failed (a missing topic or credential) is kept as failed with its spec, so the
 * same spec is not tried again on every reconciliation; a changed spec tries again. Used from the
 * runner's loop thread only.
 */
final class RunningListeners {

  private final ListenerClients clients;
  private final EventWriter writer;
  private final StatusBoard board;
  private final Map<ListenerKey, Running> running = new HashMap<>();

  private record Running(ListenerSpec spec, ListenerClient client, GuardedSink sink) {}

  RunningListeners(ListenerClients clients, EventWriter writer, StatusBoard board) {
    this.clients = clients;
    this.writer = writer;
    this.board = board;
  }

  Set<ListenerKey> keys() {
    return Set.copyOf(running.keySet());
  }

  /** Runs the spec; a listener already running with the same spec is left alone. */
  void run(ListenerSpec spec) {
    Running current = running.get(spec.key());
    if (current != null && current.spec().equals(spec)) {
      return;
    }
    stop(spec.key());
    GuardedSink sink = new GuardedSink(spec);
    ListenerClient client;
    try {
      client = clients.create(spec, sink);
    } catch (IllegalArgumentException cannot) {
      board.report(spec.key(), ListenerStatus.State.FAILED, cannot.getMessage());
      running.put(spec.key(), new Running(spec, null, sink));
      return;
    }
    running.put(spec.key(), new Running(spec, client, sink));
    try {
      client.start();
    } catch (RuntimeException bug) {
      // One listener's broken client must not take the runner, and every other tenant, down.
      board.report(
          spec.key(),
          ListenerStatus.State.FAILED,
          "the client could not start: " + bug.getMessage());
    }
  }

  /** Stops the listener's client, if it runs; it reports nothing afterwards. */
  void stop(ListenerKey key) {
    Running stopped = running.remove(key);
    if (stopped != null) {
      stopped.sink().close();
      if (stopped.client() != null) {
        stopped.client().close();
      }
    }
  }

  void stopAll() {
    keys().forEach(this::stop);
  }

  /** Hands a client's records to the writer and its states to the board until closed. */
  private final class GuardedSink implements ListenerSink {

    private final ListenerSpec spec;
    private boolean closed;

    GuardedSink(ListenerSpec spec) {
      this.spec = spec;
    }

    synchronized void close() {
      closed = true;
    }

    @Override
    public synchronized void record(JsonNode record) {
      if (!closed) {
        writer.write(spec, record);
      }
    }

    @Override
    public synchronized void started(String message) {
      if (!closed) {
        board.report(spec.key(), ListenerStatus.State.STARTED, message);
      }
    }

    @Override
    public synchronized void failed(String message) {
      if (!closed) {
        board.report(spec.key(), ListenerStatus.State.FAILED, message);
      }
    }
  }
}
