package io.cxengage.connectors.listeners;

import io.cxengage.connectors.datasift.DataSiftStreaming;
import io.cxengage.connectors.salesforce.SalesforceStreaming;

/**
 * Makes the client of a listener by its type: salesforce (Streaming API), datasift (WebSocket
 * stream) or generic, whose records arrive through the admin API's webhook, so its client only
 * reports the webhook ready.
 */
public final class ListenerClients {

  private final SalesforceStreaming salesforce;
  private final DataSiftStreaming datasift;

  public ListenerClients(SalesforceStreaming salesforce, DataSiftStreaming datasift) {
    this.salesforce = salesforce;
    this.datasift = datasift;
  }

  /**
   * A client for the spec, not yet started.
   *
   * @throws IllegalArgumentException when the listener or its integration lacks something the
   *     client needs (the message says what)
   */
  public ListenerClient create(ListenerSpec spec, ListenerSink sink) {
    return switch (spec.type()) {
      case "salesforce" -> salesforce.client(spec, sink);
      case "datasift" -> datasift.client(spec, sink);
      case "generic" -> new WebhookClient(spec, sink);
      default -> throw new IllegalArgumentException("unknown listener type '" + spec.type() + "'");
    };
  }

  /** A generic listener: the admin API receives its records; the runner only says it is ready. */
  private record WebhookClient(ListenerSpec spec, ListenerSink sink) implements ListenerClient {

    @Override
    public void start() {
      sink.started(
          "webhook ready: POST /1.0/tenants/"
              + spec.key().tenant()
              + "/listeners/"
              + spec.key().id()
              + "/hook");
    }

    @Override
    public void close() {}
  }
}
