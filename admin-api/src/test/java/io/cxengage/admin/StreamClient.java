package io.cxengage.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real WebSocket client of the stream (the JDK's {@link java.net.http.WebSocket}) that keeps
 * every text message it receives. A paused client requests nothing, so the JDK stops reading from
 * the connection, as a browser tab that is stuck would.
 */
public final class StreamClient implements WebSocket.Listener {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final AtomicInteger pings = new AtomicInteger();
  private volatile boolean reading;
  private volatile WebSocket socket;

  private StreamClient(boolean reading) {
    this.reading = reading;
  }

  /** Opens the stream with a ticket and reads everything. */
  public static StreamClient open(int port, String ticket) {
    return connect(port, ticket, true);
  }

  /** Opens the stream with a ticket and reads nothing until {@link #resume()}. */
  public static StreamClient openPaused(int port, String ticket) {
    return connect(port, ticket, false);
  }

  private static StreamClient connect(int port, String ticket, boolean reading) {
    StreamClient client = new StreamClient(reading);
    client.socket =
        HTTP.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/1.0/stream/" + ticket), client)
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    return client;
  }

  /** The HTTP status with which the server refused the upgrade; fails if it was accepted. */
  public static int refusal(int port, String ticket) {
    try {
      StreamClient accepted = open(port, ticket);
      accepted.abort();
      throw new AssertionError("the server accepted the ticket");
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    if (reading) {
      webSocket.request(1);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      messages.add(partial.toString());
      partial.setLength(0);
    }
    if (reading) {
      webSocket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
    pings.incrementAndGet();
    if (reading) {
      webSocket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  /** The text messages received so far, in order. */
  public List<String> messages() {
    return List.copyOf(messages);
  }

  public int pings() {
    return pings.get();
  }

  /** Starts reading again, everything that is waiting and all that follows. */
  public void resume() {
    reading = true;
    socket.request(Long.MAX_VALUE);
  }

  /** Sends a text frame to the server. */
  public void sendText(String text) {
    socket.sendText(text, true).join();
  }

  /** Sends a binary frame to the server. */
  public void sendBinary(byte[] bytes) {
    socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
  }

  /** The close status the server sent, once it closed the socket. */
  public int awaitClose(Duration timeout) {
    return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Closes the socket from this side. */
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
  }

  /** Drops the connection without a close handshake. */
  public void abort() {
    socket.abort();
  }
}
