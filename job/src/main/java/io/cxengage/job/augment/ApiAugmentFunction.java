package io.cxengage.job.augment;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * The API augment stage (Flink async I/O around {@link ApiAugments}). Subjects without API calls
 * pass at once. Metrics: {@code augmentApiCalls}, {@code augmentApiCacheHits}, {@code
 * augmentApiFailures}.
 */
public final class ApiAugmentFunction extends RichAsyncFunction<AugmentSubject, AugmentSubject> {

  private static final long serialVersionUID = 1L;

  private final AugmentSettings settings;
  private transient ApiAugments augments;

  public ApiAugmentFunction(AugmentSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) throws Exception {
    MetricGroup metrics = getRuntimeContext().getMetricGroup();
    // answers complete on the HTTP client's threads
    Counter calls = metrics.counter("augmentApiCalls", new ThreadSafeSimpleCounter());
    Counter hits = metrics.counter("augmentApiCacheHits", new ThreadSafeSimpleCounter());
    Counter failures = metrics.counter("augmentApiFailures", new ThreadSafeSimpleCounter());
    augments =
        new ApiAugments(
            settings,
            UrlPolicy.system(settings.allow(), settings.deny()),
            new ApiAugments.Counters() {
              @Override
              public void called() {
                calls.inc();
              }

              @Override
              public void cached() {
                hits.inc();
              }

              @Override
              public void failed() {
                failures.inc();
              }
            },
            Ticker.systemTicker());
  }

  @Override
  public void asyncInvoke(AugmentSubject subject, ResultFuture<AugmentSubject> result) {
    if (subject.plan().calls().isEmpty()) {
      result.complete(List.of(subject));
      return;
    }
    augments.apply(subject).thenAccept(out -> result.complete(List.of(out)));
  }

  @Override
  public void timeout(AugmentSubject subject, ResultFuture<AugmentSubject> result) {
    augments.timedOut(subject);
    result.complete(List.of(subject));
  }

  @Override
  public void close() throws Exception {
    if (augments != null) {
      augments.close();
    }
    super.close();
  }
}
