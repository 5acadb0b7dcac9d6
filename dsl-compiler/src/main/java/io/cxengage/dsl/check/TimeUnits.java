package io.cxengage.dsl.check;

import java.util.LinkedHashMap;
import java.util.Map;

/** The time units of dsl.md and their length in milliseconds. */
public final class TimeUnits {

  /** Windows and delays are at most 366 days (dsl.md limits). */
  public static final long MAX_MILLIS = 366L * 24 * 60 * 60 * 1000;

  static final Map<String, Long> MILLIS = new LinkedHashMap<>();

  static {
    MILLIS.put("second", 1000L);
    MILLIS.put("seconds", 1000L);
    MILLIS.put("minute", 60_000L);
    MILLIS.put("minutes", 60_000L);
    MILLIS.put("hour", 3_600_000L);
    MILLIS.put("hours", 3_600_000L);
    MILLIS.put("day", 86_400_000L);
    MILLIS.put("days", 86_400_000L);
  }

  private TimeUnits() {}
}
