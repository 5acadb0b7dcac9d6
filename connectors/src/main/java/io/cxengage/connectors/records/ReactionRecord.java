package io.cxengage.connectors.records;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One send outcome on {@code cx.reactions}. {@code params} are the rendered params with secrets
 * masked; {@code at} is the event time of the send (ISO-8601), {@code time} the wall-clock time of
 * the outcome. {@code status} is {@code sent} or {@code failed}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReactionRecord(
    String sendId,
    String tenant,
    String pattern,
    String key,
    String integration,
    String action,
    JsonNode params,
    String status,
    Integer attempts,
    String error,
    String at,
    String time) {

  public static final String SENT = "sent";
  public static final String FAILED = "failed";
}
