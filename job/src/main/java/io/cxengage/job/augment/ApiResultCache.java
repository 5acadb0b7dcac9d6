package io.cxengage.job.augment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The answers of API augments per (tenant, augment, URL, customer key), for a time to live and up
 * to a number of entries (per subtask). Concurrent subjects of one key share one request: the entry
 * is the request's future. A failed request is not kept, so the next subject asks again.
 */
public final class ApiResultCache {

  /** What an answer is cached under: the answer depends on the customer's key only. */
  public record Key(String tenant, String augmentId, String url, String customerKey) {}

  private final AsyncCache<Key, ObjectNode> cache;

  public ApiResultCache(long maxEntries, Duration ttl, Ticker ticker) {
    cache =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfterWrite(ttl)
            .ticker(ticker)
            .executor(Runnable::run)
            .buildAsync();
  }

  /**
   * The cached answer, or the one {@code load} starts.
   *
   * @param onHit runs when the answer was cached (or already being fetched)
   */
  public CompletableFuture<ObjectNode> get(
      Key key, Supplier<CompletableFuture<ObjectNode>> load, Runnable onHit) {
    boolean[] loaded = {false};
    CompletableFuture<ObjectNode> answer =
        cache.get(
            key,
            (k, executor) -> {
              loaded[0] = true;
              return load.get();
            });
    if (!loaded[0]) {
      onHit.run();
    }
    return answer;
  }
}
