package io.cxengage.dsl.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Objects;

/**
 * One customer event as the matcher sees it: a stable id (the same on every replay of the same
 * input, e.g. its Kafka partition and offset), its event time in epoch milliseconds, and its
 * attributes. The attributes must not be changed once the event is matched.
 */
public final class CustomerEvent implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String id;
  private final long timestamp;
  private final ObjectNode attributes;

  @JsonCreator
  public CustomerEvent(
      @JsonProperty("id") String id,
      @JsonProperty("timestamp") long timestamp,
      @JsonProperty("attributes") ObjectNode attributes) {
    this.id = Objects.requireNonNull(id, "id");
    this.timestamp = timestamp;
    this.attributes = Objects.requireNonNull(attributes, "attributes");
  }

  @JsonProperty("id")
  public String id() {
    return id;
  }

  @JsonProperty("timestamp")
  public long timestamp() {
    return timestamp;
  }

  @JsonProperty("attributes")
  public ObjectNode attributes() {
    return attributes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CustomerEvent e
        && e.id.equals(id)
        && e.timestamp == timestamp
        && e.attributes.equals(attributes);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "CustomerEvent[" + id + "@" + timestamp + "]";
  }
}
