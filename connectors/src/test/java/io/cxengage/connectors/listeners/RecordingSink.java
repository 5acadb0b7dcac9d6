package io.cxengage.connectors.listeners;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sink a runner gives a client, minus the status board: records go through the real {@link
 * EventWriter} to Kafka; states are kept in order for the test to read.
 */
public final class RecordingSink implements ListenerSink {

  /** A state the client reported. */
  public record State(String status, String message) {}

  private final ListenerSpec spec;
  private final EventWriter writer;
  private final List<State> states = new CopyOnWriteArrayList<>();

  public RecordingSink(ListenerSpec spec, EventWriter writer) {
    this.spec = spec;
    this.writer = writer;
  }

  @Override
  public void record(JsonNode record) {
    writer.write(spec, record);
  }

  @Override
  public void started(String message) {
    states.add(new State("started", message));
  }

  @Override
  public void failed(String message) {
    states.add(new State("failed", message));
  }

  public List<State> states() {
    return List.copyOf(states);
  }

  public State last() {
    List<State> all = states();
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }
}
