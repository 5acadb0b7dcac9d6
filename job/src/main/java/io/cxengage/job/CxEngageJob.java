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
import io.cxengage.job.parse.EventClock;
import io.cxengage.job.parse.ParseFunction;
import io.cxengage.job.reaction.DispatchSettings;
import io.cxengage.job.reaction.ReactionOperator;
import io.cxengage.job.routing.KeyAttributeRouter;
import io.cxengage.job.serde.JsonTypeInfo;
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
 * events → parse → event time (lateness, watermarks) → route by key attribute ─┐
 * config → feed (filter, readiness) ── broadcast ──────────────────┴→ dynamic CEP → reactions
 * </pre>
 *
 * Every operator has a stable uid, so that savepoints survive changes of the graph around it. The
 * front of the graph ({@link #route}) is a step of its own, which the bench ends in a discard sink
 * to measure the job without the engine.
 */
public final class CxEngageJob {

  private CxEngageJob() {}

  /** What the job produces. */
  public record Outputs(
      DataStream<ReactionRecord> reactions,
      DataStream<StreamMessage> stream,
      DataStream<DeadLetterRecord> deadLetters) {}

  /**
   * The front of the graph: the events parsed, timed and routed to their tenant's key, next to the
   * configuration feed they were routed by, and the dead letters of those steps. {@link #build}
   * continues it; the bench ends it in a discard sink to measure what the engine costs.
   */
  public record Routed(
      DataStream<RoutedEvent> events,
      DataStream<ConfigUpdate> feed,
      DataStream<DeadLetterRecord> deadLetters) {}

  public static Outputs build(
      DataStream<RawEvent> events,
      DataStream<ConfigUpdate> config,
      JobOptions options,
      DispatchSettings dispatch) {
    Routed routed = route(events, config, options);
    DataStream<RoutedEvent> toMatch = routed.events();
    if (options.testFault() != null && !options.testFault().isBlank()) {
      toMatch =
          toMatch
              .map(new io.cxengage.job.fault.FaultInjector(options.testFault()))
              .returns(JsonTypeInfo.of(RoutedEvent.class))
              .uid("cx-test-fault")
              .name("test fault");
    }
    SingleOutputStreamOperator<MatchRecord> matches =
        toMatch
            .keyBy(RoutedEvent::routingKey, Types.STRING)
            .connect(routed.feed().broadcast())
            .transform(
                "dynamic CEP",
                JsonTypeInfo.of(MatchRecord.class),
                new DynamicPatternOperator(options.ordering(), options.configInitiallyReady()))
            .uid("cx-dynamic-cep");

    SingleOutputStreamOperator<ReactionRecord> reactions =
        matches
            .keyBy(MatchRecord::routingKey, Types.STRING)
            .connect(routed.feed().broadcast())
            .transform(
                "reactions",
                JsonTypeInfo.of(ReactionRecord.class),
                new ReactionOperator(dispatch, options.configInitiallyReady()))
            .uid("cx-reactions");

    DataStream<DeadLetterRecord> dead =
        routed
            .deadLetters()
            .union(
                matches.getSideOutput(DynamicPatternOperator.LATE),
                reactions.getSideOutput(ReactionOperator.DEAD));
    return new Outputs(reactions, reactions.getSideOutput(ReactionOperator.STREAM), dead);
  }

  /** Parses, times and routes the events; see {@link Routed}. */
  public static Routed route(
      DataStream<RawEvent> events, DataStream<ConfigUpdate> config, JobOptions options) {
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
    SingleOutputStreamOperator<ParsedEvent> timed =
        parsed
            .transform(
                "event time",
                JsonTypeInfo.of(ParsedEvent.class),
                new EventClock(options.tolerance().toMillis(), options.followWallClock()))
            .uid("cx-event-time");

    SingleOutputStreamOperator<RoutedEvent> routed =
        timed
            .connect(feed.broadcast())
            .transform(
                "route by key attribute",
                JsonTypeInfo.of(RoutedEvent.class),
                new KeyAttributeRouter(options.configInitiallyReady()))
            .uid("cx-router");

    DataStream<DeadLetterRecord> dead =
        parsed
            .getSideOutput(ParseFunction.DEAD)
            .union(
                timed.getSideOutput(EventClock.LATE),
                routed.getSideOutput(KeyAttributeRouter.DEAD));
    return new Routed(routed, feed, dead);
  }

  /**
   * The configuration stream carries no event time: it is always idle, so it never holds back (nor
   * drives) the watermark of the operators it is broadcast to.
   */
  private static WatermarkStrategy<ConfigUpdate> neverHoldsBackTime() {
    return ctx ->
        new WatermarkGenerator<>() {
          @Override
          public void onEvent(ConfigUpdate event, long ts, WatermarkOutput out) {}

          @Override
          public void onPeriodicEmit(WatermarkOutput out) {
            out.markIdle();
          }
        };
  }
}
