package io.cxengage.admin.stream;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One receive-only WebSocket of a tenant. Frames are handed to Jetty without waiting, and each is
 * counted until Jetty reports it written: that count is the socket's send queue. When a client does
 * not keep up, the count passes the limit and the socket is closed with 1008, so the relay thread
 * never waits for one client and a stuck client holds at most {@code queueLimit} frames.
 */
public final class StreamSocket {

  /** Close status for a client that did not keep up (RFC 6455: policy violation). */
  public static final int TOO_SLOW = 1008;

  /** Close status for a client that sent a data frame on this receive-only socket. */
  public static final int RECEIVE_ONLY = 1003;

  /** Close status when the server stops. */
  public static final int GOING_AWAY = 1001;

  private final String tenant;
  private final Outbound out;
  private final int queueLimit;
  private final StreamMetrics metrics;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean open = new AtomicBoolean(true);
  private volatile long lastFrameNanos;

  public StreamSocket(
      String tenant, Outbound out, int queueLimit, StreamMetrics metrics, long nowNanos) {
    this.tenant = tenant;
    this.out = out;
    this.queueLimit = queueLimit;
    this.metrics = metrics;
    this.lastFrameNanos = nowNanos;
  }

  public String tenant() {
    return tenant;
  }

  /**
   * Queues one text frame, or closes the socket with 1008 when its queue is full. Never blocks.
   *
   * @return false when the socket is closed (now or before) and should be forgotten
   */
  boolean send(String text, long nowNanos) {
    if (!open.get()) {
      metrics.dropped("closed");
      return false;
    }
    if (queued.incrementAndGet() > queueLimit) {
      queued.decrementAndGet();
      metrics.dropped("slow");
      if (open.compareAndSet(true, false)) {
        metrics.slowDisconnect();
        out.close(
            TOO_SLOW, "too slow: more than " + queueLimit + " messages were waiting to be sent");
      }
      return false;
    }
    lastFrameNanos = nowNanos;
    try {
      out.sendText(
          text,
          () -> {
            queued.decrementAndGet();
            metrics.delivered();
          },
          failure -> {
            queued.decrementAndGet();
            metrics.dropped("failed");
          });
    } catch (RuntimeException e) {
      // a connection that went away between the lookup and the send; the others must still get it
      queued.decrementAndGet();
      metrics.dropped("failed");
      open.set(false);
      return false;
    }
    return true;
  }

  /**
   * Pings the socket when nothing was sent to it for {@code intervalNanos} and nothing is waiting
   * (a socket with frames waiting is not idle, and a ping would only queue behind them).
   */
  void pingIfIdle(long nowNanos, long intervalNanos) {
    if (open.get() && queued.get() == 0 && nowNanos - lastFrameNanos >= intervalNanos) {
      lastFrameNanos = nowNanos;
      out.sendPing();
    }
  }

  /** Closes the socket with a status, once; later frames are dropped. */
  public void close(int status, String reason) {
    if (open.compareAndSet(true, false)) {
      out.close(status, reason);
    }
  }

  /** Notes that the connection is gone (closed by the client, failed, or timed out). */
  public void closed() {
    open.set(false);
  }

  public boolean isOpen() {
    return open.get();
  }

  /** Frames handed to Jetty and not yet written. */
  int queued() {
    return queued.get();
  }
}
