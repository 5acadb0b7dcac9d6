package io.cxengage.job.augment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ApiResultCacheTest {

  private final AtomicLong nanos = new AtomicLong();
  private final ApiResultCache cache = new ApiResultCache(100, Duration.ofMinutes(5), nanos::get);
  private final AtomicInteger loads = new AtomicInteger();
  private final AtomicInteger hits = new AtomicInteger();
  private static final ApiResultCache.Key ANN =
      new ApiResultCache.Key("t", "AU1", "http://x", "ann");

  private CompletableFuture<ObjectNode> get(
      ApiResultCache.Key key, CompletableFuture<ObjectNode> answer) {
    return cache.get(
        key,
        () -> {
          loads.incrementAndGet();
          return answer;
        },
        hits::incrementAndGet);
  }

  private static CompletableFuture<ObjectNode> answer(String json) {
    return CompletableFuture.completedFuture((ObjectNode) Json.tree(json));
  }

  @Test
  void anAnswerIsReusedForItsKeyUntilItsTimeToLiveHasPassed() {
    assertThat(get(ANN, answer("{\"s\":1}")).join()).isEqualTo(Json.tree("{\"s\":1}"));
    nanos.addAndGet(Duration.ofMinutes(4).toNanos());
    assertThat(get(ANN, answer("{\"s\":2}")).join()).isEqualTo(Json.tree("{\"s\":1}"));
    assertThat(
            get(new ApiResultCache.Key("t", "AU1", "http://x", "bob"), answer("{\"s\":3}")).join())
        .isEqualTo(Json.tree("{\"s\":3}"));
    assertThat(loads).hasValue(2);
    assertThat(hits).hasValue(1);
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertThat(get(ANN, answer("{\"s\":4}")).join()).isEqualTo(Json.tree("{\"s\":4}"));
    assertThat(loads).hasValue(3);
  }

  @Test
  void subjectsOfOneKeyShareTheRequestUnderWay() {
    CompletableFuture<ObjectNode> underWay = new CompletableFuture<>();
    CompletableFuture<ObjectNode> first = get(ANN, underWay);
    CompletableFuture<ObjectNode> second = get(ANN, answer("{\"s\":2}"));
    assertThat(loads).hasValue(1);
    assertThat(hits).hasValue(1);
    underWay.complete((ObjectNode) Json.tree("{\"s\":1}"));
    assertThat(first.join()).isEqualTo(second.join());
  }

  @Test
  void aFailedRequestIsNotKept() {
    CompletableFuture<ObjectNode> failed = new CompletableFuture<>();
    failed.completeExceptionally(new AugmentFailure("down"));
    assertThat(get(ANN, failed)).isCompletedExceptionally();
    assertThat(get(ANN, answer("{\"s\":2}")).join()).isEqualTo(Json.tree("{\"s\":2}"));
    assertThat(loads).hasValue(2);
  }
}
