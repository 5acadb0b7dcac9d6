package io.cxengage.job.augment;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * How the job calls API augments.
 *
 * @param apiTimeout the time limit of one call; after it the subject goes on without its answer
 * @param cacheTtl how long an answer is reused for the same customer key
 * @param cacheEntries the most answers kept per subtask
 * @param apiInFlight the most subjects waiting for API answers per subtask (then back-pressure)
 * @param allow hosts, addresses or CIDR ranges that may be called although internal ({@link
 *     UrlPolicy})
 * @param deny hosts, addresses or CIDR ranges that are never called
 */
public record AugmentSettings(
    Duration apiTimeout,
    Duration cacheTtl,
    long cacheEntries,
    int apiInFlight,
    List<String> allow,
    List<String> deny)
    implements Serializable {

  public static AugmentSettings defaults() {
    return new AugmentSettings(
        Duration.ofSeconds(2), Duration.ofMinutes(5), 100_000, 100, List.of(), List.of());
  }

  /**
   * The time limit of the async operator: a safety net behind each call's own limit (which covers
   * the DNS check, the request and the answer), so it never fires first.
   */
  public Duration operatorTimeout() {
    return apiTimeout.multipliedBy(2).plusSeconds(1);
  }
}
