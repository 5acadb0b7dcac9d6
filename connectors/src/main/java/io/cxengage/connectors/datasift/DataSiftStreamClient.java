package io.cxengage.connectors.datasift;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.listeners.Backoff;
import io.cxengage.connectors.listeners.ListenerClient;
import io.cxengage.connectors.listeners.ListenerSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One datasift listener's stream over DataSift's WebSocket protocol: connect to the multi-stream
 * endpoint with the account in the query, send {@code {"action": "subscribe", "hash": ...}}, then
 * receive JSON messages:
 *
 * <ul>
 *   <li>{@code {"hash", "data": {interaction...}}}: an interaction, handed on as the record (the
 *       mapping's paths start inside {@code data}: {@code interaction.author.username});
 *   <li>{@code {"hash", "data": {"deleted": true, ...}}}: a deletion notice for an earlier
 *       interaction; not an event, skipped;
 *   <li>{@code {"tick": epoch}}: a keep-alive, skipped (but it proves the stream is alive);
 *   <li>{@code {"status": "success" | "warning" | "failure", "message"}}: the subscription's fate.
 * </ul>
 *
 * A closed or failed socket, a refused subscription, or a stream silent for longer than the silence
 * limit is replaced by a new connection after a backoff, and the hash subscribed again.
 */
public final class DataSiftStreamClient implements ListenerClient {

  private static final Logger LOG = LoggerFactory.getLogger(DataSiftStreamClient.class);

  private final URI uri;
  private final String apiKey;
  private final String hash;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff;
  private final Duration silenceLimit;
  private final ListenerSink sink;

  // Guarded by this. Callbacks of an older connection compare their generation and stand down.
  private WebSocket socket;
  private ScheduledFuture<?> watchdog;
  private int generation;
  private boolean closed;
  private volatile long lastHeardNanos;

  DataSiftStreamClient(
      URI uri,
      String apiKey,
      String hash,
      HttpClient http,
      ScheduledExecutorService scheduler,
      Backoff backoff,
      Duration silenceLimit,
      ListenerSink sink) {
    this.uri = uri;
    this.apiKey = apiKey;
    this.hash = hash;
    this.http = http;
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.silenceLimit = silenceLimit;
    this.sink = sink;
  }

  @Override
  public void start() {
    schedule(Duration.ZERO);
  }

  private synchronized void schedule(Duration delay) {
    if (closed) {
      return;
    }
    int connection = ++generation;
    scheduler.schedule(() -> connect(connection), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized boolean current(int connection) {
    return !closed && connection == generation;
  }

  private void connect(int connection) {
    if (!current(connection)) {
      return;
    }
    http.newWebSocketBuilder()
        .buildAsync(uri, new Frames(connection))
        .whenComplete(
            (ws, error) -> {
              if (error != null) {
                retry(connection, true, "cannot connect to datasift: " + rootMessage(error));
                return;
              }
              synchronized (this) {
                if (!current(connection)) {
                  ws.abort();
                  return;
                }
                socket = ws;
                lastHeardNanos = System.nanoTime();
                long period = Math.max(50, silenceLimit.toMillis() / 4);
                watchdog =
                    scheduler.scheduleAtFixedRate(
                        () -> checkSilence(connection), period, period, TimeUnit.MILLISECONDS);
              }
              ws.sendText(Json.write(Map.of("action", "subscribe", "hash", hash)), true);
            });
  }

  private void checkSilence(int connection) {
    long silent = System.nanoTime() - lastHeardNanos;
    if (silent > silenceLimit.toNanos()) {
      retry(
          connection,
          false,
          "datasift sent nothing for " + Duration.ofNanos(silent).toSeconds() + " s");
    }
  }

  private void onMessage(int connection, String text) {
    if (!current(connection)) {
      return;
    }
    lastHeardNanos = System.nanoTime();
    JsonNode message;
    try {
      message = Json.tree(text);
    } catch (RuntimeException e) {
      LOG.warn("datasift stream {}: a message that is not JSON was skipped", hash);
      return;
    }
    if (message.has("tick")) {
      return;
    }
    JsonNode data = message.get("data");
    if (data != null) {
      if (data.path("deleted").asBoolean(false)) {
        LOG.debug("datasift stream {}: a deletion notice was skipped", hash);
        return;
      }
      sink.record(data);
      return;
    }
    String status = message.path("status").asText("");
    String said = message.path("message").asText("");
    switch (status) {
      case "success" -> {
        synchronized (this) {
          backoff.reset();
        }
        sink.started("subscribed to datasift stream " + hash);
      }
      case "warning" -> {
        LOG.warn("datasift stream {} warns: {}", hash, said);
        sink.started("subscribed to datasift stream " + hash + "; datasift warns: " + said);
      }
      case "failure", "error" ->
          retry(connection, true, "datasift refused stream " + hash + ": " + said);
      default -> LOG.debug("datasift stream {}: a message of no known kind was skipped", hash);
    }
  }

  /**
   * Drops the connection and makes a new one after the backoff. {@code failed} says whether the
   * listener is failing (a refusal) or merely reconnecting (a drop).
   */
  private void retry(int connection, boolean failed, String reason) {
    WebSocket old;
    Duration wait;
    synchronized (this) {
      if (!current(connection)) {
        return;
      }
      old = socket;
      socket = null;
      if (watchdog != null) {
        watchdog.cancel(false);
        watchdog = null;
      }
      wait = backoff.next();
    }
    String scrubbed = reason.replace(apiKey, "********");
    if (failed) {
      sink.failed(scrubbed);
    } else {
      sink.started(scrubbed + "; reconnecting");
    }
    LOG.info("datasift stream {}: reconnecting in {} ms: {}", hash, wait.toMillis(), scrubbed);
    schedule(wait);
    if (old != null) {
      old.abort();
    }
  }

  @Override
  public void close() {
    WebSocket ws;
    synchronized (this) {
      closed = true;
      ws = socket;
      socket = null;
      if (watchdog != null) {
        watchdog.cancel(false);
      }
    }
    if (ws == null) {
      return;
    }
    try {
      ws.sendText(Json.write(Map.of("action", "unsubscribe", "hash", hash)), true)
          .thenCompose(w -> w.sendClose(WebSocket.NORMAL_CLOSURE, "listener stopped"))
          .get(1, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the socket is going away anyway
    } finally {
      ws.abort();
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** The socket's callbacks: whole text messages are assembled from frames and handled. */
  private final class Frames implements WebSocket.Listener {

    private final int connection;
    private final StringBuilder partial = new StringBuilder();

    Frames(int connection) {
      this.connection = connection;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        onMessage(connection, text);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      retry(
          connection,
          false,
          "datasift closed the stream ("
              + statusCode
              + (reason.isEmpty() ? "" : " " + reason)
              + ")");
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      retry(connection, false, "the datasift stream broke: " + rootMessage(error));
    }
  }
}
