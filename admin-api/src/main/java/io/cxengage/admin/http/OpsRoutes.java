package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.store.ConfigLog;
import io.cxengage.connectors.json.Json;
import io.javalin.http.HandlerType;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.util.function.Supplier;

/** Liveness, readiness, metrics and the OpenAPI document: public, served without /1.0. */
public final class OpsRoutes {

  private final ConfigLog log;
  private final HttpMetrics metrics;
  private final Supplier<ObjectNode> openApi;

  public OpsRoutes(ConfigLog log, HttpMetrics metrics, Supplier<ObjectNode> openApi) {
    this.log = log;
    this.metrics = metrics;
    this.openApi = openApi;
  }

  public void register(RouteTable table) {
    table
        .addUnversioned(HandlerType.GET, "/health")
        .tag("operations")
        .summary("Liveness: the process answers")
        .access(Access.PUBLIC)
        .responds(200, "{\"status\": \"up\"}")
        .handle(ctx -> Reply.ok(ctx, Json.mapper().createObjectNode().put("status", "up")));
    table
        .addUnversioned(HandlerType.GET, "/ready")
        .tag("operations")
        .summary("Readiness: Kafka reachable and the configuration log loaded")
        .access(Access.PUBLIC)
        .responds(200, "{\"status\": \"ready\"}")
        .responds(503, "not ready, with what is missing")
        .handle(
            ctx -> {
              boolean loaded = log.loaded();
              boolean kafka = log.kafkaReachable();
              ObjectNode body = Json.mapper().createObjectNode();
              if (loaded && kafka) {
                body.put("status", "ready");
              } else {
                body.put(
                    "error",
                    "not ready: "
                        + (kafka ? "" : "Kafka is not reachable; ")
                        + (loaded ? "" : "the configuration log is not loaded"));
              }
              body.put("kafka", kafka)
                  .put("config-log", loaded)
                  .put("config-offset", log.position());
              Reply.json(ctx, loaded && kafka ? 200 : 503, body);
            });
    table
        .addUnversioned(HandlerType.GET, "/metrics")
        .tag("operations")
        .summary("Prometheus metrics (text format)")
        .access(Access.PUBLIC)
        .responds(200, "text/plain; version=0.0.4")
        .handle(
            ctx -> {
              PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              writer.write(out, metrics.registry().scrape());
              ctx.contentType(writer.getContentType());
              ctx.result(out.toByteArray());
            });
    table
        .addUnversioned(HandlerType.GET, "/openapi.json")
        .tag("operations")
        .summary("This API's OpenAPI 3 description")
        .access(Access.PUBLIC)
        .responds(200, "the OpenAPI document")
        .handle(ctx -> Reply.ok(ctx, openApi.get()));
  }
}
