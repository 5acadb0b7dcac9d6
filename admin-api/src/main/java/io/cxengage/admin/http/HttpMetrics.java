package io.cxengage.admin.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The admin API's own Prometheus metrics, in a registry per server. */
public final class HttpMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Histogram latency;
  private final Counter events;
  private final Counter csvRows;

  public HttpMetrics() {
    requests =
        Counter.builder()
            .name("cx_admin_http_requests_total")
            .help("HTTP requests answered, by route, method and status")
            .labelNames("route", "method", "status")
            .register(registry);
    latency =
        Histogram.builder()
            .name("cx_admin_http_request_duration_seconds")
            .help("Time to answer an HTTP request, by route and method")
            .labelNames("route", "method")
            .register(registry);
    events =
        Counter.builder()
            .name("cx_admin_events_total")
            .help("Events submitted over HTTP, by outcome (accepted, rejected, limited)")
            .labelNames("outcome")
            .register(registry);
    csvRows =
        Counter.builder()
            .name("cx_admin_augment_rows_total")
            .help("CSV rows uploaded, by outcome (stored, rejected)")
            .labelNames("outcome")
            .register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  public Counter events() {
    return events;
  }

  public Counter csvRows() {
    return csvRows;
  }

  public void observe(String route, String method, int status, long nanos) {
    requests.labelValues(route, method, Integer.toString(status)).inc();
    latency.labelValues(route, method).observe(nanos / 1e9);
  }
}
