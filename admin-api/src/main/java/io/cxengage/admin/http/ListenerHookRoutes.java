package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.auth.ListenerSecrets;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.admin.error.ConflictException;
import io.cxengage.admin.error.NotFoundException;
import io.cxengage.admin.error.PayloadTooLargeException;
import io.cxengage.admin.error.ServiceUnavailableException;
import io.cxengage.admin.error.UnauthorizedException;
import io.cxengage.admin.intake.EventIntake;
import io.cxengage.admin.store.ConfigLog;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.KeyAttributeDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.listeners.RecordMapper;
import io.cxengage.connectors.records.DeadLetterRecord;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The webhook of a generic listener ({@code POST /tenants/{tenant}/listeners/{id}/hook}): any
 * system that can call a URL posts a JSON object, which is mapped with the listener's mapping (the
 * same {@link RecordMapper} as the listener runner's) and submitted as an event through the event
 * intake (rate limit, {@code cx.events}, 202 once Kafka holds it). The caller shows a bearer token
 * of the tenant or the listener's own secret in {@code X-Listener-Secret}. A record whose key
 * attribute cannot be mapped is refused with 400 and kept on {@code cx.deadletter} (stage {@code
 * listener}).
 */
public final class ListenerHookRoutes {

  private final TenantDocuments listeners;
  private final ConfigLog log;
  private final EventIntake intake;
  private final ListenerSecrets secrets;
  private final Producer<String, byte[]> producer;
  private final String deadLetterTopic;
  private final long maxBodyBytes;
  private final Duration timeout;
  private final Clock clock;

  public ListenerHookRoutes(
      TenantDocuments listeners,
      ConfigLog log,
      EventIntake intake,
      ListenerSecrets secrets,
      Producer<String, byte[]> producer,
      String deadLetterTopic,
      long maxBodyBytes,
      Duration timeout,
      Clock clock) {
    this.listeners = listeners;
    this.log = log;
    this.intake = intake;
    this.secrets = secrets;
    this.producer = producer;
    this.deadLetterTopic = deadLetterTopic;
    this.maxBodyBytes = maxBodyBytes;
    this.timeout = timeout;
    this.clock = clock;
  }

  public void register(RouteTable table) {
    table
        .add(HandlerType.POST, "/tenants/{tenant}/listeners/{id}/hook")
        .tag("listeners")
        .summary(
            "A generic listener's webhook: a JSON object mapped by the listener's mapping to an"
                + " event (bearer token of the tenant, or the listener's secret in "
                + Guard.LISTENER_SECRET
                + ")")
        .access(Access.TENANT_OR_LISTENER_SECRET)
        .body(BodyKind.JSON)
        .responds(202, "{\"id\": \"EV...\", \"key-attr\": value, \"event\": {...}} as for /event")
        .responds(400, "not a JSON object, or its key attribute cannot be mapped (dead-lettered)")
        .responds(401, "no token and no listener secret, or a wrong one")
        .responds(404, "no such tenant or listener")
        .responds(409, "the listener is disabled or not a generic listener")
        .responds(413, "the body, or the event mapped from it, is too large")
        .responds(429, "over the tenant's rate limit; see Retry-After")
        .handle(this::hook);
  }

  private void hook(Context ctx) {
    String tenant = ctx.pathParam("tenant");
    String id = ctx.pathParam("id");
    ObjectNode listener =
        Guard.hasCaller(ctx) ? listeners.get(tenant, id) : bySecret(ctx, tenant, id);
    // a malformed body is a 400 whatever the listener's state, as on every route
    RequestBodies.requireJson(ctx);
    JsonNode record = RequestBodies.parse(RequestBodies.read(ctx, maxBodyBytes));
    if (!"generic".equals(listener.path("type").asText())) {
      throw new ConflictException(
          "listener "
              + id
              + " is a "
              + listener.path("type").asText()
              + " listener; only generic listeners have a webhook");
    }
    if (!listener.path("status").asBoolean(false)) {
      throw new ConflictException(
          "listener " + id + " is disabled; enable it with PUT {\"status\": true}");
    }
    String keyAttribute = keyAttribute(tenant);
    RecordMapper.Outcome outcome = RecordMapper.map(record, mapping(listener), keyAttribute, id);
    if (outcome instanceof RecordMapper.Outcome.Unmappable unmappable) {
      deadLetter(tenant, id, record, unmappable.reason());
      throw new BadRequestException(unmappable.reason()).with("field", keyAttribute);
    }
    ObjectNode event = ((RecordMapper.Outcome.Mapped) outcome).event();
    int size = Json.writeBytes(event).length;
    if (size > intake.limits().maxEventBytes()) {
      throw new PayloadTooLargeException(
              "the event mapped from this record has "
                  + size
                  + " bytes, more than the limit of "
                  + intake.limits().maxEventBytes())
          .with("limit", intake.limits().maxEventBytes());
    }
    EventIntake.Accepted accepted = intake.submit(tenant, event);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", accepted.id());
    answer.put("key-attr", accepted.keyValue());
    answer.put("event", accepted.event());
    Reply.json(ctx, 202, answer);
  }

  /**
   * The listener whose secret the request holds. An unknown listener is answered as a wrong secret,
   * so the header cannot be used to probe which listeners exist.
   */
  private ObjectNode bySecret(Context ctx, String tenant, String id) {
    ObjectNode listener;
    try {
      listener = listeners.get(tenant, id);
    } catch (NotFoundException unknown) {
      listener = null;
    }
    if (listener == null
        || !secrets.matches(
            ctx.header(Guard.LISTENER_SECRET), listener.path("secret-hash").asText(null))) {
      throw new UnauthorizedException(
          "the " + Guard.LISTENER_SECRET + " header does not hold listener " + id + "'s secret");
    }
    return listener;
  }

  private String keyAttribute(String tenant) {
    return log.view()
        .get(ConfigKey.keyAttribute(tenant))
        .map(k -> k.path("key").asText(""))
        .filter(k -> !k.isEmpty())
        .orElse(KeyAttributeDocument.DEFAULT_KEY);
  }

  private static Map<String, String> mapping(ObjectNode listener) {
    Map<String, String> mapping = new HashMap<>();
    listener
        .path("mapping")
        .fields()
        .forEachRemaining(e -> mapping.put(e.getKey(), e.getValue().asText()));
    return mapping;
  }

  /** Keeps the refused record, as the listener runner does, before the caller hears of it. */
  private void deadLetter(String tenant, String id, JsonNode record, String reason) {
    DeadLetterRecord letter =
        new DeadLetterRecord(
            tenant,
            "listener " + id + ": " + reason,
            "listener",
            record.toString(),
            null,
            null,
            null,
            clock.instant().toString());
    try {
      producer
          .send(new ProducerRecord<>(deadLetterTopic, tenant, Json.writeBytes(letter)))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("interrupted while keeping a refused record");
    } catch (Exception e) {
      throw new ServiceUnavailableException(
          "the refused record could not be kept: " + e.getMessage());
    }
  }
}
