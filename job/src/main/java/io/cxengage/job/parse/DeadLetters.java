package io.cxengage.job.parse;

import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.RawEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds the dead-letter records of the job, one reason and stage each. */
public final class DeadLetters {

  public static final String STAGE_PARSE = "parse";
  public static final String STAGE_ROUTE = "route";
  public static final String STAGE_TIME = "time";
  public static final String STAGE_REACTION = "reaction";

  private DeadLetters() {}

  public static DeadLetterRecord of(RawEvent raw, String tenant, String reason, String stage) {
    return new DeadLetterRecord(
        tenant,
        reason,
        stage,
        raw.value() == null ? null : new String(raw.value(), StandardCharsets.UTF_8),
        raw.topic(),
        raw.partition(),
        raw.offset(),
        Instant.now().toString());
  }

  public static DeadLetterRecord of(
      String tenant, CustomerEvent event, String reason, String stage) {
    return new DeadLetterRecord(
        tenant,
        reason,
        stage,
        event.attributes().toString(),
        null,
        null,
        null,
        Instant.now().toString());
  }

  /** An event older than the watermark when it arrived. */
  public static DeadLetterRecord late(String tenant, CustomerEvent event, long watermark) {
    return of(
        tenant,
        event,
        "late: event time "
            + Instant.ofEpochMilli(event.timestamp())
            + " is not after the watermark "
            + (watermark == Long.MIN_VALUE ? "-" : Instant.ofEpochMilli(watermark).toString()),
        STAGE_TIME);
  }
}
