package io.cxengage.admin.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.admin.error.PayloadTooLargeException;
import io.cxengage.admin.error.ServiceUnavailableException;
import io.cxengage.admin.error.TooManyRequestsException;
import io.cxengage.admin.store.ConfigView;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.KeyAttributeDocument;
import io.cxengage.connectors.json.Json;
import io.prometheus.metrics.core.metrics.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Takes customer events over HTTP and writes them to {@code cx.events} (key: the tenant), answering
 * only once the broker has acknowledged them ({@code acks=all}). An event is a JSON object whose
 * tenant key attribute holds a string or a number. Event ids are {@code EV<partition>-<offset>}:
 * unique and never reused, as Kafka never hands out an offset twice.
 */
public final class EventIntake {

  /** One accepted event. */
  public record Accepted(String id, String keyValue, ObjectNode event) {}

  /** One refused event of a batch, by its 0-based position. */
  public record Rejection(int index, String error) {}

  /** The outcome of a batch. */
  public record BatchResult(int accepted, List<Rejection> rejected) {}

  /** The limits of intake. */
  public record Limits(int maxEventBytes, int maxBatchEvents, int defaultEventsPerSecond) {}

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final ConfigView view;
  private final RateLimiter limiter;
  private final Limits limits;
  private final Duration timeout;
  private final Counter counter;
  private final java.util.function.LongSupplier configPosition;

  public EventIntake(
      Producer<String, byte[]> producer,
      String topic,
      ConfigView view,
      RateLimiter limiter,
      Limits limits,
      Duration timeout,
      Counter counter,
      java.util.function.LongSupplier configPosition) {
    this.producer = producer;
    this.topic = topic;
    this.view = view;
    this.limiter = limiter;
    this.limits = limits;
    this.timeout = timeout;
    this.counter = counter;
    this.configPosition = configPosition;
  }

  public Limits limits() {
    return limits;
  }

  /** Accepts one event (the original {@code /event}). */
  public Accepted submit(String tenant, JsonNode event) {
    if (!(event instanceof ObjectNode object)) {
      throw new BadRequestException(
          "an event must be a JSON object (send arrays to /tenants/" + tenant + "/events)");
    }
    String keyAttribute = keyAttribute(tenant);
    String keyValue = keyValue(object, keyAttribute);
    if (keyValue == null) {
      counter.labelValues("rejected").inc();
      throw new BadRequestException(problem(keyAttribute)).with("field", keyAttribute);
    }
    admit(tenant, 1);
    RecordMetadata stored = await(send(tenant, object));
    counter.labelValues("accepted").inc();
    return new Accepted("EV" + stored.partition() + "-" + stored.offset(), keyValue, object);
  }

  /** Accepts the valid events of a batch; the others are reported by index. */
  public BatchResult submitBatch(String tenant, List<EventBatch.Item> items) {
    if (items.size() > limits.maxBatchEvents()) {
      throw new PayloadTooLargeException(
              "a batch holds at most " + limits.maxBatchEvents() + " events; split it")
          .with("limit", limits.maxBatchEvents());
    }
    String keyAttribute = keyAttribute(tenant);
    List<Rejection> rejected = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    List<ObjectNode> valid = new ArrayList<>();
    for (EventBatch.Item item : items) {
      String error = item.error();
      if (error == null && item.bytes() > limits.maxEventBytes()) {
        error = "the event is larger than " + limits.maxEventBytes() + " bytes";
      } else if (error == null && !(item.event() instanceof ObjectNode)) {
        error = "an event must be a JSON object";
      } else if (error == null && keyValue((ObjectNode) item.event(), keyAttribute) == null) {
        error = problem(keyAttribute);
      }
      if (error != null) {
        rejected.add(new Rejection(item.index(), error));
      } else {
        indexes.add(item.index());
        valid.add((ObjectNode) item.event());
      }
    }
    if (!valid.isEmpty()) {
      admit(tenant, valid.size());
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>(valid.size());
    for (ObjectNode event : valid) {
      sent.add(send(tenant, event));
    }
    int accepted = 0;
    for (int i = 0; i < sent.size(); i++) {
      try {
        await(sent.get(i));
        accepted++;
      } catch (ServiceUnavailableException e) {
        rejected.add(new Rejection(indexes.get(i), "not stored, retry it: " + e.getMessage()));
      }
    }
    rejected.sort(java.util.Comparator.comparingInt(Rejection::index));
    counter.labelValues("accepted").inc(accepted);
    counter.labelValues("rejected").inc(rejected.size());
    return new BatchResult(accepted, rejected);
  }

  private void admit(String tenant, int events) {
    int rate =
        view.get(ConfigKey.tenant(tenant))
            .map(t -> t.path("events-per-second").asInt(0))
            .filter(r -> r > 0)
            .orElse(limits.defaultEventsPerSecond());
    RateLimiter.Decision decision = limiter.acquire(tenant, events, rate);
    if (!decision.admitted()) {
      counter.labelValues("limited").inc(events);
      throw new TooManyRequestsException(
          "tenant " + tenant + " is over its rate limit of " + rate + " events per second",
          decision.retryAfterSeconds());
    }
  }

  private Future<RecordMetadata> send(String tenant, ObjectNode event) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, tenant, Json.writeBytes(event));
    // the configuration this instance had applied: the job matches the event once it has it too
    long applied = configPosition.getAsLong() - 1;
    record
        .headers()
        .add(
            io.cxengage.connectors.topics.EventHeaders.CONFIG_OFFSET,
            Long.toString(applied).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return producer.send(record);
  }

  private RecordMetadata await(Future<RecordMetadata> future) {
    try {
      return future.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("interrupted while writing an event");
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new ServiceUnavailableException(
          "the event could not be written: " + cause.getMessage());
    }
  }

  private String keyAttribute(String tenant) {
    return view.get(ConfigKey.keyAttribute(tenant))
        .map(k -> k.path("key").asText(""))
        .filter(k -> !k.isEmpty())
        .orElse(KeyAttributeDocument.DEFAULT_KEY);
  }

  /** The key attribute's value as text; null when missing or not a string or number. */
  static String keyValue(ObjectNode event, String keyAttribute) {
    JsonNode value = event.get(keyAttribute);
    if (value == null && keyAttribute.contains(".")) {
      value = event;
      for (String part : keyAttribute.split("\\.")) {
        value = value == null ? null : value.get(part);
      }
    }
    if (value == null || !(value.isTextual() || value.isNumber())) {
      return null;
    }
    return value.isNumber() ? value.numberValue().toString() : value.asText();
  }

  private static String problem(String keyAttribute) {
    return "the event needs its tenant's key attribute '"
        + keyAttribute
        + "' with a string or a number value";
  }
}
