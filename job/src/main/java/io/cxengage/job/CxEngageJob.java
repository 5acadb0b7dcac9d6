package io.cxengage.job;

import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.connectors.records.ReactionRecord;
import io.cxengage.job.cep.DynamicPatternOperator;
import io.cxengage.job.config.ConfigFeed;
import io.cxengage.job.model.ConfigUpdate;
import io.cxengage.job.model.MatchRecord;
import io.cxengage.job.model.ParsedEvent;
import io.cxengage.job.model.RawEvent;
import io.cxengage.job.model.RoutedEvent;
import io.cxengage.job.model.StreamMessage;
import io.cxengage.job.parse.CxWatermarks;
import io.cxengage.job.parse.LatenessFilter;
import io.cxengage.job.parse.ParseFunction;
import io.cxengage.job.reaction.DispatchSettings;
import io.cxengage.job.reaction.ReactionOperator;
import io.cxengage.job.routing.KeyAttributeRouter;
import io.cxengage.job.serde.JsonTypeInfo;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The job graph of CxEngage, assembled from given inputs so that the same graph runs on Kafka (the
 * engine) and on recorded input (replay, tests):
 *
 * <pre>
 * events → parse → lateness → watermarks → route by key attribute ─┐
 * config → feed (filter, readiness) ── broadcast ──────────────────┴→ dynamic CEP → reactions
 * </pre>
 *
 * Every operator has a stable uid, so that savepoints survive changes of the graph around it.
 */
public final class CxEngageJob {

  private CxEngageJob() {}

  /** What the job produces. */
  public record Outputs(
      DataStream<ReactionRecord> reactions,
      DataStream<StreamMessage> stream,
      DataStream<DeadLetterRecord> deadLetters) {}

  public static Outputs build(
      DataStream<RawEvent> events,
      DataStream<ConfigUpdate> config,
      JobOptions options,
      DispatchSettings dispatch) {
    DataStream<ConfigUpdate> feed =
        config
            .assignTimestampsAndWatermarks(neverHoldsBackTime())
            .uid("cx-config-time")
            .name("config: no event time")
            .flatMap(new ConfigFeed(options.configReadyAtOffset()))
            .returns(JsonTypeInfo.of(ConfigUpdate.class))
            .uid("cx-config-feed")
            .name("config: feed")
            .setParallelism(1);

    SingleOutputStreamOperator<ParsedEvent> parsed =
        events
            .process(new ParseFunction())
            .returns(JsonTypeInfo.of(ParsedEvent.class))
            .uid("cx-parse")
            .name("parse events");
    SingleOutputStreamOperator<ParsedEvent> onTime =
        parsed
            .process(new LatenessFilter(options.tolerance().toMillis()))
            .returns(JsonTypeInfo.of(ParsedEvent.class))
            .uid("cx-lateness")
            .name("drop late events");
    DataStream<ParsedEvent> timed =
        onTime
            .assignTimestampsAndWatermarks(
                CxWatermarks.strategy(options.tolerance(), options.followWallClock()))
            .uid("cx-event-time")
            .name("event time");

    SingleOutputStreamOperator<RoutedEvent> routed =
        timed
            .connect(feed.broadcast())
            .transform(
                "route by key attribute",
                JsonTypeInfo.of(RoutedEvent.class),
                new KeyAttributeRouter(options.configInitiallyReady()))
            .uid("cx-router");

    SingleOutputStreamOperator<MatchRecord> matches =
        routed
            .keyBy(RoutedEvent::routingKey, Types.STRING)
            .connect(feed.broadcast())
            .transform(
                "dynamic CEP",
                JsonTypeInfo.of(MatchRecord.class),
                new DynamicPatternOperator(options.ordering(), options.configInitiallyReady()))
            .uid("cx-dynamic-cep");

    SingleOutputStreamOperator<ReactionRecord> reactions =
        matches
            .keyBy(MatchRecord::routingKey, Types.STRING)
            .connect(feed.broadcast())
            .transform(
                "reactions", JsonTypeInfo.of(ReactionRecord.class), new ReactionOperator(dispatch))
            .uid("cx-reactions");

    DataStream<DeadLetterRecord> dead =
        parsed
            .getSideOutput(ParseFunction.DEAD)
            .union(
                onTime.getSideOutput(LatenessFilter.LATE),
                routed.getSideOutput(KeyAttributeRouter.DEAD),
                matches.getSideOutput(DynamicPatternOperator.LATE),
                reactions.getSideOutput(ReactionOperator.DEAD));
    return new Outputs(reactions, reactions.getSideOutput(ReactionOperator.STREAM), dead);
  }

  /** The configuration stream carries no event time: its watermark is always the maximum. */
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
}
