package io.cxengage.job.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.ParsedEvent;
import io.cxengage.job.model.RawEvent;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Turns a record of {@code cx.events} into an event, or says why it cannot: not JSON, not an
 * object, too large, no tenant in the key, an unreadable {@code timestamp}. Pure: no Flink.
 */
public final class EventParser implements Serializable {

  private static final long serialVersionUID = 1L;
  public static final int MAX_EVENT_BYTES = 16 * 1024;
  public static final String TIMESTAMP = "timestamp";
  private static final ObjectMapper MAPPER = Json.mapper();

  /** The outcome: exactly one of {@code event} and {@code reason} is set. */
  public record Result(ParsedEvent event, String tenant, String reason) {
    static Result ok(ParsedEvent e) {
      return new Result(e, e.tenant(), null);
    }

    static Result failed(String tenant, String reason) {
      return new Result(null, tenant, reason);
    }
  }

  public Result parse(RawEvent raw) {
    String tenant = tenantOf(raw.key());
    if (raw.value() == null || raw.value().length == 0) {
      return Result.failed(tenant, "empty record: an event is a JSON object");
    }
    if (raw.value().length > MAX_EVENT_BYTES) {
      return Result.failed(
          tenant, "too large: " + raw.value().length + " bytes, events are at most 16 KiB");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(raw.value());
    } catch (JsonProcessingException e) {
      return Result.failed(tenant, "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return Result.failed(tenant, "not JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      return Result.failed(tenant, "not an object: an event is a JSON object");
    }
    if (tenant == null) {
      return Result.failed(
          null, "no tenant: the record key must be the tenant id (or tenant/anything)");
    }
    ObjectNode attributes = (ObjectNode) node;
    long timestamp;
    try {
      timestamp = timestampOf(attributes.get(TIMESTAMP), raw.recordTimestamp());
    } catch (IllegalArgumentException e) {
      return Result.failed(tenant, e.getMessage());
    }
    return Result.ok(
        new ParsedEvent(
            tenant, new CustomerEvent(raw.id(), timestamp, attributes), raw.configOffset()));
  }

  /** The tenant of a record key ({@code tenant} or {@code tenant/anything}), or null. */
  static String tenantOf(String key) {
    if (key == null || key.isBlank()) {
      return null;
    }
    int slash = key.indexOf('/');
    String tenant = slash < 0 ? key : key.substring(0, slash);
    return tenant.isBlank() ? null : tenant;
  }

  /**
   * Event time: the {@code timestamp} attribute as epoch milliseconds (number or numeric string) or
   * ISO-8601, else the record's time.
   */
  public static long timestampOf(JsonNode value, long recordTime) {
    if (value == null || value.isNull()) {
      return recordTime;
    }
    if (value.isNumber()) {
      return epochMillis(value.decimalValue(), value.asText());
    }
    if (value.isTextual()) {
      String text = value.textValue().trim();
      if (text.matches("-?\\d+(\\.\\d+)?")) {
        return epochMillis(new BigDecimal(text), text);
      }
      try {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        try {
          return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e2) {
          throw new IllegalArgumentException(
              "bad timestamp '"
                  + text
                  + "': use epoch milliseconds or ISO-8601 such as 2026-01-05T09:00:00Z");
        }
      }
    }
    throw new IllegalArgumentException(
        "bad timestamp: use epoch milliseconds or an ISO-8601 string, not " + value.getNodeType());
  }

  private static long epochMillis(BigDecimal value, String text) {
    try {
      return value.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("bad timestamp '" + text + "': out of range");
    }
  }
}
