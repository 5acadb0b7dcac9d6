package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.admin.error.UnsupportedMediaTypeException;
import io.cxengage.admin.intake.EventBatch;
import io.cxengage.admin.intake.EventIntake;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Event submission: one event ({@code /event}) or a batch ({@code /events}). */
public final class EventRoutes {

  private static final List<String> BATCH_TYPES =
      List.of(
          "",
          "application/json",
          "application/x-ndjson",
          "application/ndjson",
          "application/jsonl",
          "application/x-jsonlines",
          "application/json-seq",
          "text/plain");

  private final EventIntake intake;
  private final long maxBatchBytes;

  public EventRoutes(EventIntake intake, long maxBatchBytes) {
    this.intake = intake;
    this.maxBatchBytes = maxBatchBytes;
  }

  public void register(RouteTable table) {
    table
        .add(HandlerType.POST, "/tenants/{tenant}/event")
        .tag("events")
        .summary("Submit one event; answered once Kafka holds it")
        .body(BodyKind.JSON)
        .responds(202, "{\"id\": \"EV...\", \"key-attr\": value, \"event\": {...}}")
        .responds(400, "not a JSON object, or no key attribute with a string or number")
        .responds(413, "larger than the event size limit")
        .responds(429, "over the tenant's rate limit; see Retry-After")
        .handle(this::one);
    table
        .add(HandlerType.POST, "/tenants/{tenant}/events")
        .tag("events")
        .summary("Submit a batch: a JSON array or one event per line (NDJSON)")
        .body(BodyKind.EVENTS)
        .responds(202, "{\"accepted\": n, \"rejected\": [{index, error}]}")
        .responds(400, "a malformed JSON array")
        .responds(413, "too many events or too large a body")
        .responds(429, "over the tenant's rate limit; see Retry-After")
        .handle(this::batch);
  }

  private void one(Context ctx) {
    RequestBodies.requireJson(ctx);
    byte[] body = RequestBodies.read(ctx, intake.limits().maxEventBytes());
    JsonNode event = RequestBodies.parse(body);
    EventIntake.Accepted accepted = intake.submit(ctx.pathParam("tenant"), event);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", accepted.id());
    answer.put("key-attr", accepted.keyValue());
    answer.put("event", accepted.event());
    Reply.json(ctx, 202, answer);
  }

  private void batch(Context ctx) {
    String type = RequestBodies.mediaType(ctx);
    if (!BATCH_TYPES.contains(type) && !type.endsWith("+json")) {
      throw new UnsupportedMediaTypeException(
              "send a JSON array (application/json) or NDJSON (application/x-ndjson), not '"
                  + type
                  + "'")
          .with("content-type", type);
    }
    byte[] body = RequestBodies.read(ctx, maxBatchBytes);
    List<EventBatch.Item> items = EventBatch.parse(body, intake.limits().maxBatchEvents());
    EventIntake.BatchResult result = intake.submitBatch(ctx.pathParam("tenant"), items);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", result.accepted());
    answer.put("rejected", result.rejected());
    Reply.json(ctx, 202, answer);
  }
}
