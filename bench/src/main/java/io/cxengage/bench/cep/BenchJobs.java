package io.cxengage.bench.cep;

import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.compile.PatternCompiler;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.cep.DynamicPatternOperator;
import io.cxengage.job.model.ConfigUpdate;
import io.cxengage.job.model.MatchRecord;
import io.cxengage.job.model.RoutedEvent;
import io.cxengage.job.serde.JsonTypeInfo;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The bench jobs, each from the pre-generated events ({@link EventSupply}) to a counting sink:
 * keyed by the routing key ({@code bench\0<id>}) in all of them, so keys land on the same subtasks.
 */
final class BenchJobs {

  private BenchJobs() {}

  /** Source → keyBy → count: what the pipeline around the operators costs. */
  static void baseline(StreamExecutionEnvironment env, long n) {
    EventSupply.source(env, n)
        .keyBy(RoutedEvent::routingKey, Types.STRING)
        .sinkTo(new CountingSink<>())
        .name("count events");
  }

  /** Flink's own {@code CepOperator} with the compiled pattern of one {@code when}. */
  static void staticCep(StreamExecutionEnvironment env, long n, String when) {
    Pattern<CustomerEvent, ?> pattern =
        StaticPatterns.withSkipPastLastEvent(
            PatternCompiler.compile(PatternLanguage.checkWhen(when).orThrow()).pattern());
    var keyed =
        EventSupply.source(env, n)
            .map(RoutedEvent::event)
            .returns(io.cxengage.job.serde.BinaryTypeInfo.customerEvent())
            .setParallelism(1)
            .name("event")
            .keyBy(BenchJobs::routingKey, Types.STRING);
    CEP.pattern(keyed, pattern)
        .inEventTime()
        .process(new OnePerMatch(), Types.INT)
        .name("static CEP")
        .sinkTo(new CountingSink<>())
        .name("count matches");
  }

  /** The {@link DynamicPatternOperator} with a workload's patterns for the bench tenant. */
  static void dynamicCep(StreamExecutionEnvironment env, long n, Workload workload) {
    DataStream<ConfigUpdate> config =
        env.fromData(BenchConfig.of(workload), JsonTypeInfo.of(ConfigUpdate.class))
            .assignTimestampsAndWatermarks(neverHoldsBackTime())
            .name("config");
    EventSupply.source(env, n)
        .keyBy(RoutedEvent::routingKey, Types.STRING)
        .connect(config.broadcast())
        .transform(
            "dynamic CEP",
            JsonTypeInfo.of(MatchRecord.class),
            new DynamicPatternOperator(DynamicPatternOperator.Ordering.EVENT_TIME, false))
        .sinkTo(new CountingSink<>())
        .name("count matches");
  }

  private static String routingKey(CustomerEvent e) {
    return RoutedEvent.routingKey(BenchStream.TENANT, e.attributes().get("id").textValue());
  }

  /** As in the job: the configuration must not hold event time back. */
  private static WatermarkStrategy<ConfigUpdate> neverHoldsBackTime() {
    return ctx ->
        new WatermarkGenerator<>() {
          @Override
          public void onEvent(ConfigUpdate event, long ts, WatermarkOutput out) {}

          @Override
          public void onPeriodicEmit(WatermarkOutput out) {
            out.emitWatermark(new Watermark(Long.MAX_VALUE));
          }
        };
  }

  /** One record per match: the sink counts them. */
  private static final class OnePerMatch extends PatternProcessFunction<CustomerEvent, Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processMatch(
        Map<String, java.util.List<CustomerEvent>> match, Context ctx, Collector<Integer> out) {
      out.collect(1);
    }
  }
}
