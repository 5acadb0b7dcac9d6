package io.cxengage.connectors.records;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A record that could not be processed, on {@code cx.deadletter}: the original (as text, so that
 * even invalid JSON survives), where it came from, why it failed and at which stage ({@code parse},
 * {@code route}, {@code time}, {@code augment}, {@code reaction}, {@code listener}, ...).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeadLetterRecord(
    String tenant,
    String reason,
    String stage,
    String original,
    String topic,
    Integer partition,
    Long offset,
    String time) {}
