package io.cxengage.connectors.listeners;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A listener's running state as its runner reports it, stored as {@code t/listener-status/LIn} on
 * {@code cx.config} and answered by {@code GET .../listeners/{id}/status}.
 *
 * @param status {@code started}, {@code stopped} or {@code failed}
 * @param message what the runner knows: what it is subscribed to, or why it stopped or failed
 * @param runner the id of the runner that reported
 * @param time when, ISO-8601
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListenerStatus(State status, String message, String runner, String time) {

  /** The three states of api.md. */
  public enum State {
    STARTED,
    STOPPED,
    FAILED;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether this report says the same as {@code other}, whoever reported it and when. */
  public boolean sameAs(ListenerStatus other) {
    return other != null && status == other.status && message.equals(other.message);
  }
}
