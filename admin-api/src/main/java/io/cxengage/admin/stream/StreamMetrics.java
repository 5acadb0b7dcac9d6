package io.cxengage.admin.stream;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The relay's Prometheus metrics, in the admin API's registry ({@code GET /metrics}): sockets open
 * per tenant, messages read from {@code cx.stream} by outcome, frames delivered and dropped, and
 * slow-client disconnects.
 */
public final class StreamMetrics {

  /** A message was handed to at least one socket. */
  static final String RELAYED = "relayed";

  /** No socket of the tenant on this instance: dropped, and a success for the sender (api.md). */
  static final String NO_SOCKET = "no-socket";

  /** The send id was delivered before: the job wrote the message again. */
  static final String REPEAT = "repeat";

  /** No tenant key or no value: nothing to deliver. */
  static final String UNUSABLE = "unusable";

  private final Counter messages;
  private final Counter delivered;
  private final Counter dropped;
  private final Counter slowDisconnects;
  private final Histogram handOff;

  /** Registers the metrics; {@code openSockets} is read at every scrape. */
  public StreamMetrics(PrometheusRegistry registry, Supplier<Map<String, Integer>> openSockets) {
    GaugeWithCallback.builder()
        .name("cx_admin_stream_sockets")
        .help("WebSockets open on this instance, by tenant")
        .labelNames("tenant")
        .callback(cb -> openSockets.get().forEach((tenant, n) -> cb.call(n, tenant)))
        .register(registry);
    messages =
        Counter.builder()
            .name("cx_admin_stream_messages_total")
            .help(
                "Records read from cx.stream, by outcome (relayed, no-socket: dropped and counted"
                    + " as delivered, repeat: a send id seen before, unusable)")
            .labelNames("outcome")
            .register(registry);
    delivered =
        Counter.builder()
            .name("cx_admin_stream_frames_delivered_total")
            .help("Text frames written to a WebSocket")
            .register(registry);
    dropped =
        Counter.builder()
            .name("cx_admin_stream_frames_dropped_total")
            .help(
                "Text frames not delivered, by reason (slow: the socket's queue was full, closed:"
                    + " the socket was closing, failed: the write failed)")
            .labelNames("reason")
            .register(registry);
    slowDisconnects =
        Counter.builder()
            .name("cx_admin_stream_slow_disconnects_total")
            .help("WebSockets closed with 1008 because the client did not keep up")
            .register(registry);
    handOff =
        Histogram.builder()
            .name("cx_admin_stream_hand_off_seconds")
            .help(
                "Time the relay thread takes to hand one message to all its tenant's sockets"
                    + " (frames are written after, by Jetty)")
            .classicUpperBounds(0.0001, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1)
            .register(registry);
  }

  void handOff(long nanos) {
    handOff.observe(nanos / 1e9);
  }

  void message(String outcome) {
    messages.labelValues(outcome).inc();
  }

  void delivered() {
    delivered.inc();
  }

  void dropped(String reason) {
    dropped.labelValues(reason).inc();
  }

  void slowDisconnect() {
    slowDisconnects.inc();
  }

  /** Frames written so far (for tests and the bench). */
  public long framesDelivered() {
    return (long) delivered.get();
  }

  /** Slow clients disconnected so far. */
  public long slowDisconnects() {
    return (long) slowDisconnects.get();
  }

  /** Records read from cx.stream with this outcome so far. */
  public long messages(String outcome) {
    return (long) messages.labelValues(outcome).get();
  }
}
