package io.cxengage.bench.stream;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * One benchmark socket: notes the arrival time of each whole message, whose body starts with {@code
 * <message number>:}.
 */
final class Receiver implements WebSocket.Listener {

  private final int socket;
  private final Deliveries deliveries;
  private final StringBuilder prefix = new StringBuilder();
  private int message = -1;

  Receiver(int socket, Deliveries deliveries) {
    this.socket = socket;
    this.deliveries = deliveries;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    for (int i = 0; message < 0 && i < data.length(); i++) {
      char c = data.charAt(i);
      if (c == ':') {
        message = Integer.parseInt(prefix.toString());
      } else {
        prefix.append(c);
      }
    }
    if (last) {
      deliveries.received(message, socket, System.nanoTime());
      message = -1;
      prefix.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer data) {
    webSocket.request(1);
    return null;
  }
}
