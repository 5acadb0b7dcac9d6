package io.cxengage.job.augment;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs the failures of API augments without flooding: per tenant and augment, the first failure,
 * then at most one line a minute with the number of failures since. Lines name the tenant, the
 * augment and the reason, never an event's contents nor the URL (which may carry a credential).
 */
final class FailureLog {

  static final long EVERY_NANOS = 60_000_000_000L;

  private final Logger log;
  private final LongSupplier nanoTime;
  private final Map<String, long[]> last = new HashMap<>();

  FailureLog(Logger log, LongSupplier nanoTime) {
    this.log = log;
    this.nanoTime = nanoTime;
  }

  synchronized void failed(String tenant, String augmentId, String reason) {
    String key = tenant + "/" + augmentId;
    long now = nanoTime.getAsLong();
    long[] seen = last.get(key); // {time of the last line, failures since}
    if (seen != null && now - seen[0] < EVERY_NANOS) {
      seen[1]++;
      return;
    }
    long since = seen == null ? 0 : seen[1];
    last.put(key, new long[] {now, 0});
    log.warn(
        "API augment {} of tenant {} failed: {}; the subject goes on without it{}",
        augmentId,
        tenant,
        reason,
        since == 0 ? "" : " (" + since + " more failures since the last report)");
  }
}
