package io.cxengage.connectors.listeners;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a {@link ListenerClient} hands what it receives and how it is doing. Records are mapped and
 * written to {@code cx.events} (or {@code cx.deadletter}); states become the listener's status.
 * Calls after the client was closed are ignored, so a stopped listener never reports again.
 */
public interface ListenerSink {

  /** One record of the third party, as JSON, to be mapped to an event. */
  void record(JsonNode record);

  /** The client is connected and subscribed (or, after a drop, reconnecting: said in message). */
  void started(String message);

  /** The client cannot run (bad credentials, a refused subscription); it may retry. */
  void failed(String message);
}
