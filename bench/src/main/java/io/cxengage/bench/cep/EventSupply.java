package io.cxengage.bench.cep;

import io.cxengage.job.model.RoutedEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The bounded source of a bench job: the indexes 0 … n-1 mapped to events generated before the job
 * started (held here, since the MiniCluster runs in this JVM), so generating them is not timed. One
 * source subtask keeps them in order; the watermark trails the newest timestamp by {@link
 * #OUT_OF_ORDERNESS}.
 */
final class EventSupply {

  static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(1);

  private static volatile RoutedEvent[] events = new RoutedEvent[0];

  private EventSupply() {}

  static void set(RoutedEvent[] generated) {
    events = generated;
  }

  static DataStream<RoutedEvent> source(StreamExecutionEnvironment env, long n) {
    if (n > events.length) {
      throw new IllegalArgumentException(
          "asked for " + n + " events, " + events.length + " were generated");
    }
    return env.fromSequence(0, n - 1)
        .setParallelism(1)
        .name("sequence")
        .map(new ByIndex())
        .returns(io.cxengage.job.serde.BinaryTypeInfo.routedEvent())
        .setParallelism(1)
        .name("pre-generated events")
        .assignTimestampsAndWatermarks(
            WatermarkStrategy.<RoutedEvent>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                .withTimestampAssigner((e, ts) -> e.event().timestamp()))
        .setParallelism(1)
        .name("event time");
  }

  /** Looks the event up; the first one starts the clock. */
  private static final class ByIndex implements MapFunction<Long, RoutedEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public RoutedEvent map(Long index) {
      if (index == 0) {
        RunMeter.started();
      }
      return events[(int) (long) index];
    }
  }
}
