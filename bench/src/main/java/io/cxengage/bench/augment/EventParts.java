package io.cxengage.bench.augment;

import io.cxengage.bench.cep.BenchStream;
import io.cxengage.connectors.json.Json;
import io.cxengage.job.model.RawEvent;
import io.cxengage.job.model.RoutedEvent;
import io.cxengage.job.serde.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The workload stream as the job reads it from {@code cx.events}: each event's JSON bytes in a
 * {@link RawEvent}, generated before the job starts (held here, since the local cluster runs in
 * this JVM) so that generating them is not timed. The events are split in parts by customer, as a
 * topic keyed by customer would deliver them: part p holds, in stream order, the events whose key
 * index modulo the number of parts is p, so each customer's events stay in order on one subtask.
 */
final class EventParts {

  private static volatile List<RawEvent[]> parts = List.of();

  private EventParts() {}

  /**
   * Holds {@code events} (a generated stream) as the job will read them, split in {@code n} parts.
   */
  static void set(RoutedEvent[] events, int n) {
    List<List<RawEvent>> byPart = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      byPart.add(new ArrayList<>(events.length / n + 1));
    }
    for (int i = 0; i < events.length; i++) {
      RoutedEvent e = events[i];
      int part = Integer.parseInt(e.key().substring(1)) % n;
      long timestamp = e.event().timestamp();
      byPart
          .get(part)
          .add(
              new RawEvent(
                  BenchStream.TENANT,
                  Json.writeBytes(e.event().attributes()),
                  "cx.events",
                  part,
                  i,
                  timestamp,
                  -1));
    }
    parts = byPart.stream().map(l -> l.toArray(RawEvent[]::new)).toList();
  }

  static void clear() {
    parts = List.of();
  }

  static long size() {
    return parts.stream().mapToLong(p -> p.length).sum();
  }

  /**
   * One subtask per part, each emitting its part once {@code rows} rows have been handed to the
   * job.
   */
  static DataStream<RawEvent> source(StreamExecutionEnvironment env, long rows) {
    int n = parts.size();
    return env.fromData(IntStream.range(0, n).boxed().toList(), Types.INT)
        .name("parts")
        .partitionCustom((part, subtasks) -> part % subtasks, part -> part)
        .flatMap(new Emit(rows))
        .setParallelism(n)
        .returns(JsonTypeInfo.of(RawEvent.class))
        .name("workload events");
  }

  private static final class Emit implements FlatMapFunction<Integer, RawEvent> {
    private static final long serialVersionUID = 1L;
    private final long rows;

    Emit(long rows) {
      this.rows = rows;
    }

    @Override
    public void flatMap(Integer part, Collector<RawEvent> out) throws Exception {
      JobMeter.awaitRows(rows);
      for (RawEvent e : parts.get(part)) {
        out.collect(e);
      }
    }
  }
}
