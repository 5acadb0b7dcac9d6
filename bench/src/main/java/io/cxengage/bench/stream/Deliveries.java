package io.cxengage.bench.stream;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each message was written and when each socket received it: one latency slot per message and
 * socket, so receiving threads never contend, and a count per message to wait on.
 */
final class Deliveries {

  private final AtomicLongArray sent;
  private final long[][] latency;
  private final AtomicIntegerArray received;
  private final int sockets;

  Deliveries(int messages, int sockets) {
    this.sent = new AtomicLongArray(messages);
    this.latency = new long[messages][sockets];
    this.received = new AtomicIntegerArray(messages);
    this.sockets = sockets;
  }

  void sent(int message, long nanos) {
    sent.set(message, nanos);
  }

  /** Called on a socket's thread when the socket has received the whole message. */
  void received(int message, int socket, long nanos) {
    if (message < 0 || message >= latency.length) {
      return;
    }
    latency[message][socket] = nanos - sent.get(message);
    received.incrementAndGet(message); // publishes the slot written above
  }

  int receivedCount(int message) {
    return received.get(message);
  }

  /** Every delivery latency of the messages from {@code first} on, sorted, in nanoseconds. */
  long[] sortedLatencies(int first) {
    long[] all = new long[(latency.length - first) * sockets];
    int n = 0;
    for (int m = first; m < latency.length; m++) {
      if (received.get(m) == sockets) {
        System.arraycopy(latency[m], 0, all, n, sockets);
        n += sockets;
      }
    }
    long[] measured = Arrays.copyOf(all, n);
    Arrays.sort(measured);
    return measured;
  }

  /** For each message from {@code first} on that all sockets received: when the last one did. */
  long[] sortedFanOutTimes(int first) {
    long[] times = new long[latency.length - first];
    int n = 0;
    for (int m = first; m < latency.length; m++) {
      if (received.get(m) == sockets) {
        times[n++] = Arrays.stream(latency[m]).max().orElse(0);
      }
    }
    long[] measured = Arrays.copyOf(times, n);
    Arrays.sort(measured);
    return measured;
  }

  /** The percentile {@code q} (0..1) of sorted values. */
  static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
