package io.cxengage.admin.http;

import io.cxengage.admin.stream.Outbound;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * {@link Outbound} over a Jetty WebSocket session. Jetty queues frames handed to it while earlier
 * ones are still being written, and calls back once each is written, so none of these methods waits
 * for the client.
 */
final class JettyOutbound implements Outbound {

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final Session session;

  JettyOutbound(Session session) {
    this.session = session;
  }

  @Override
  public void sendText(String text, Runnable sent, Consumer<Throwable> failed) {
    session.sendText(text, Callback.from(sent, failed));
  }

  @Override
  public void sendPing() {
    session.sendPing(EMPTY.duplicate(), Callback.NOOP);
  }

  @Override
  public void close(int status, String reason) {
    session.close(status, reason, Callback.NOOP);
  }
}
