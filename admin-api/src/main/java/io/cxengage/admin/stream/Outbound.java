package io.cxengage.admin.stream;

import java.util.function.Consumer;

/**
 * The sending side of one WebSocket connection as the relay needs it; the HTTP layer implements it
 * over Jetty's session. Every method returns at once: writes finish later, on another thread.
 */
public interface Outbound {

  /** Starts sending a text frame; {@code sent} or {@code failed} is called once it is done. */
  void sendText(String text, Runnable sent, Consumer<Throwable> failed);

  /** Sends a ping (an empty control frame), which a client answers with a pong. */
  void sendPing();

  /** Starts the close handshake with this status code and reason. */
  void close(int status, String reason);
}
