package io.cxengage.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.dsl.PatternLanguage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PipelineWorkloadTest {

  @Test
  void firstEventsForSeed42ArePinned() {
    PipelineWorkload.Event[] events = new PipelineWorkload(100_000, 42).next(3);
    assertThat(Arrays.stream(events).map(e -> new String(e.json(7, 8), StandardCharsets.UTF_8)))
        .containsExactly(FIRST_EVENTS);
    assertThat(events[0].recordKey()).isEqualTo("bench/c" + events[0].key());
  }

  @Test
  void sameSeedGivesTheSameStream() {
    assertThat(new PipelineWorkload(100_000, 7).next(1000))
        .containsExactly(new PipelineWorkload(100_000, 7).next(1000));
    assertThat(new PipelineWorkload(100_000, 7).next(1000))
        .isNotEqualTo(new PipelineWorkload(100_000, 8).next(1000));
  }

  @Test
  void aboutFivePercentOfEventsStartOneOfAHundredPatternsAndNoneStartsTwo() {
    PipelineWorkload.Event[] events = new PipelineWorkload(100_000, 42).next(200_000);
    long starting = 0;
    for (PipelineWorkload.Event e : events) {
      long started = IntStream.range(0, 100).filter(e::starts).count();
      assertThat(started).isLessThanOrEqualTo(1);
      starting += started;
    }
    assertThat(starting / (double) events.length).isBetween(0.045, 0.055);
  }

  @Test
  void withAThousandPatternsAStartingEventStartsFive() {
    PipelineWorkload.Event[] events = new PipelineWorkload(100_000, 42).next(20_000);
    for (PipelineWorkload.Event e : events) {
      assertThat(IntStream.range(0, 1000).filter(e::starts).count()).isIn(0L, 5L);
    }
  }

  @Test
  void everyPatternIsValidAndEveryShapeIsUsed() {
    List<String> whens = PipelineWorkload.patterns(1000);
    for (String when : whens) {
      assertThat(PatternLanguage.checkWhen(when).errors()).as(when).isEmpty();
    }
    assertThat(PatternLanguage.checkThen(PipelineWorkload.THEN, java.util.Set.of()).errors())
        .isEmpty();
    List<String> hundred = whens.subList(0, 100);
    assertThat(hundred).anyMatch(w -> w.contains("(count 2"));
    assertThat(hundred).anyMatch(w -> w.contains("(all "));
    assertThat(hundred).anyMatch(w -> w.contains("(within 20 seconds"));
    assertThat(hundred).anyMatch(w -> w.contains("(absent "));
    assertThat(hundred)
        .anyMatch(w -> w.startsWith("(within 60 seconds (seq") && !w.contains("(count"));
    assertThat(IntStream.range(0, 100).filter(PipelineWorkload::isAbsent).count()).isEqualTo(20);
  }

  // the first draw is bench-workloads.md's too: the same c75413 as BenchStream's first event
  private static final String[] FIRST_EVENTS = {
    "{\"id\":\"c75413\",\"type\":\"T1\",\"customerSegment\":\"Gold\",\"code\":164,"
        + "\"timestamp\":7,\"sent\":8}",
    "{\"id\":\"c63250\",\"type\":\"T2\",\"customerSegment\":\"Silver\",\"code\":108,"
        + "\"timestamp\":7,\"sent\":8}",
    "{\"id\":\"c82005\",\"type\":\"T4\",\"customerSegment\":\"Bronze\",\"code\":46,"
        + "\"timestamp\":7,\"sent\":8}"
  };
}
