package io.cxengage.bench.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.job.model.RoutedEvent;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BenchStreamTest {

  @Test
  void splitMixDrawsForSeed42ArePinned() {
    SplitMix64 random = new SplitMix64(42);
    assertThat(random.next()).isEqualTo(0xbdd732262feb6e95L);
    assertThat(random.next()).isEqualTo(0x28efe333b266f103L);
    assertThat(random.next()).isEqualTo(0x47526757130f9f52L);
  }

  @Test
  void splitMixAgreesWithTheJdksSplittableRandom() {
    // SplittableRandom(seed) is the same generator with the same gamma: an independent check
    SplitMix64 ours = new SplitMix64(42);
    SplittableRandom jdk = new SplittableRandom(42);
    for (int i = 0; i < 1000; i++) {
      assertThat(ours.next()).isEqualTo(jdk.nextLong());
    }
  }

  @Test
  void firstEventsOfSeqWithinForSeed42ArePinned() {
    RoutedEvent[] events = new BenchStream(5, 100_000, 42, Workload.seqWithin().types()).generate();
    assertThat(Arrays.stream(events).map(BenchStreamTest::summary))
        .containsExactly(
            "c75413 B Gold 1767603600000",
            "c55764 A Gold 1767603600010",
            "c24925 A Silver 1767603600020",
            "c68974 B Silver 1767603600030",
            "c11398 B Bronze 1767603600040");
  }

  @Test
  void typesAreDrawnFromTheWorkloadsList() {
    RoutedEvent[] hundred = new BenchStream(5, 100_000, 42, Workload.hundred().types()).generate();
    assertThat(Arrays.stream(hundred).map(e -> e.event().attributes().get("type").asText()))
        .containsExactly("T1", "T0", "T8", "T7", "T5");
    RoutedEvent[] loyalty = new BenchStream(2, 100_000, 42, Workload.loyalty().types()).generate();
    assertThat(Arrays.stream(loyalty).map(e -> e.event().attributes().get("type").asText()))
        .containsExactly("cnclTicket", "flcheck");
  }

  @Test
  void eventsAreRoutedForTheBenchTenantByTheirId() {
    RoutedEvent e = new BenchStream(1, 100_000, 42, List.of("A", "B")).generate()[0];
    assertThat(e.tenant()).isEqualTo("bench");
    assertThat(e.key()).isEqualTo("c75413");
    assertThat(e.event().id()).isEqualTo("e0");
    assertThat(e.event().timestamp()).isEqualTo(1_767_603_600_000L);
  }

  @Test
  void sameSeedSameStreamOtherSeedOtherStream() {
    List<String> types = Workload.seqWithin().types();
    List<String> a =
        Arrays.stream(new BenchStream(50, 10, 42, types).generate())
            .map(BenchStreamTest::summary)
            .toList();
    List<String> b =
        Arrays.stream(new BenchStream(50, 10, 42, types).generate())
            .map(BenchStreamTest::summary)
            .toList();
    List<String> c =
        Arrays.stream(new BenchStream(50, 10, 7, types).generate())
            .map(BenchStreamTest::summary)
            .toList();
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  private static String summary(RoutedEvent e) {
    var a = e.event().attributes();
    return a.get("id").asText()
        + " "
        + a.get("type").asText()
        + " "
        + a.get("customerSegment").asText()
        + " "
        + e.event().timestamp();
  }
}
