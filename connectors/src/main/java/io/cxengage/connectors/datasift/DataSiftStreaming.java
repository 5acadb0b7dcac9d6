package io.cxengage.connectors.datasift;

import io.cxengage.connectors.dispatch.Credentials;
import io.cxengage.connectors.listeners.Backoff;
import io.cxengage.connectors.listeners.ListenerClient;
import io.cxengage.connectors.listeners.ListenerSink;
import io.cxengage.connectors.listeners.ListenerSpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every DataSift listener of a runner shares: the streaming endpoint ({@code
 * wss://websocket.datasift.com/multi}), the JDK's HTTP client whose WebSocket support carries the
 * streams, and the scheduler for reconnections. {@link #client} makes one {@link
 * DataSiftStreamClient} per listener.
 */
public final class DataSiftStreaming {

  private final URI endpoint;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final Duration backoffMin;
  private final Duration backoffMax;
  private final Duration silenceLimit;

  /**
   * @param endpoint the multi-stream WebSocket endpoint, without query
   * @param silenceLimit how long a stream may send nothing (DataSift ticks regularly) before the
   *     connection counts as dead and is replaced
   */
  public DataSiftStreaming(
      URI endpoint,
      Duration connectTimeout,
      Duration backoffMin,
      Duration backoffMax,
      Duration silenceLimit,
      ScheduledExecutorService scheduler) {
    this.endpoint = endpoint;
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.scheduler = scheduler;
    this.backoffMin = backoffMin;
    this.backoffMax = backoffMax;
    this.silenceLimit = silenceLimit;
  }

  /**
   * A client for one datasift listener.
   *
   * @throws IllegalArgumentException when the listener has no hash, or the tenant's datasift
   *     integration no username or api-key (the message says which)
   */
  public ListenerClient client(ListenerSpec spec, ListenerSink sink) {
    String hash = spec.listener().hash();
    if (hash == null || hash.isBlank()) {
      throw new IllegalArgumentException("a datasift listener needs a hash: the stream to follow");
    }
    Credentials credentials = Credentials.of(spec.key().tenant(), "datasift", spec.credentials());
    String username = credentials.required("username");
    String apiKey = credentials.required("api-key");
    URI uri =
        URI.create(
            endpoint
                + "?username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&api_key="
                + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
    return new DataSiftStreamClient(
        uri,
        apiKey,
        hash.trim(),
        http,
        scheduler,
        new Backoff(backoffMin, backoffMax),
        silenceLimit,
        sink);
  }
}
