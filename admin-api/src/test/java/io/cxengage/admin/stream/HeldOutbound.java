package io.cxengage.admin.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client side of a connection, as far as {@link StreamSocket} can see it: frames are held until
 * the test says they were written (or failed), as when a client stops reading.
 */
final class HeldOutbound implements Outbound {

  record Close(int status, String reason) {}

  private record Held(String text, Runnable sent, Consumer<Throwable> failed) {}

  final List<String> texts = new ArrayList<>();
  final List<Close> closes = new ArrayList<>();
  private final List<Held> held = new ArrayList<>();
  int pings;

  @Override
  public void sendText(String text, Runnable sent, Consumer<Throwable> failed) {
    texts.add(text);
    held.add(new Held(text, sent, failed));
  }

  @Override
  public void sendPing() {
    pings++;
  }

  @Override
  public void close(int status, String reason) {
    closes.add(new Close(status, reason));
  }

  /** The oldest held frame was written. */
  void writeOne() {
    held.remove(0).sent().run();
  }

  /** The oldest held frame could not be written. */
  void failOne() {
    held.remove(0).failed().accept(new java.io.IOException("connection reset"));
  }
}
