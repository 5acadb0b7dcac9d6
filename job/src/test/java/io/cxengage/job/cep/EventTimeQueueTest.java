package io.cxengage.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTimeQueueTest {

  @Test
  void pollsTimestampsInOrderWithEachKeysEventsInArrivalOrder() {
    EventTimeQueue<String, String> q = new EventTimeQueue<>();
    q.add(20, "k1", "late");
    q.add(10, "k2", "x");
    q.add(10, "k1", "first");
    q.add(10, "k2", "y");
    q.add(10, "k1", "second");

    assertThat(q.size()).isEqualTo(5);
    assertThat(q.firstTimestamp()).isEqualTo(10);
    assertThat(q.all()).containsExactly("x", "y", "first", "second", "late");

    Map<String, List<String>> at10 = q.pollFirst();
    assertThat(at10.keySet()).containsExactly("k2", "k1");
    assertThat(at10.get("k1")).containsExactly("first", "second");
    assertThat(q.size()).isEqualTo(1);
    assertThat(q.firstTimestamp()).isEqualTo(20);

    assertThat(q.pollFirst()).containsExactly(Map.entry("k1", List.of("late")));
    assertThat(q.size()).isZero();
    assertThat(q.firstTimestamp()).isEqualTo(Long.MAX_VALUE);
    assertThat(q.pollFirst()).isEmpty();
  }
}
