package io.cxengage.job;

import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.connectors.records.ReactionRecord;
import io.cxengage.job.augment.AugmentRow;
import io.cxengage.job.augment.AugmentRowRouter;
import io.cxengage.job.augment.AugmentStages;
import io.cxengage.job.augment.AugmentSubject;
import io.cxengage.job.augment.NotificationAugmentPlanner;
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
import io.cxengage.job.serde.BinaryTypeInfo;
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
 * events → parse → event time (lateness, watermarks) → route by key attribute ─┬─────────────┐
 *                                          tenants with engine augments: engine augments ─┤
 *                                                                          dynamic CEP ◄──┘
 *                           ┌─ tenants with notification augments: notification augments ─┐
 * dynamic CEP → plan notification augments ───────────────────────────────────────────────┴→ reactions
 * rows → by service ─► the row stores of the engine and notification augments
 * config → feed (filter, readiness) ── broadcast to the router, planners, CEP and reactions
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
   * @param rows the records of {@code cx.augment-rows} (an empty stream where there are none)
   */
  public static Outputs build(
      DataStream<RawEvent> events,
      DataStream<ConfigUpdate> config,
      DataStream<AugmentRow> rows,
      JobOptions options,
      DispatchSettings dispatch) {
    Routed front = route(events, config, options);
    DataStream<ConfigUpdate> feed = front.feed();
    SingleOutputStreamOperator<RoutedEvent> routed = front.events();

    SingleOutputStreamOperator<AugmentRow> rowsByService =
        rows.assignTimestampsAndWatermarks(CxEngageJob.<AugmentRow>neverHoldsBackTime())
            .uid("cx-augment-rows-time")
            .name("augment rows: no event time")
            .connect(feed.broadcast())
            .transform(
                "augment rows: by service",
                JsonTypeInfo.of(AugmentRow.class),
                new AugmentRowRouter(options.configInitiallyReady()))
            .uid("cx-augment-rows-router");

    DataStream<RoutedEvent> augmented =
        AugmentStages.apply(
                "engine",
                routed.getSideOutput(KeyAttributeRouter.AUGMENT),
                rowsByService.getSideOutput(AugmentRowRouter.ENGINE),
                options.augments())
            .map(AugmentSubject::toEvent)
            .returns(BinaryTypeInfo.routedEvent())
            .uid("cx-engine-augment-merge")
            .name("engine augments: merge");

    DataStream<RoutedEvent> toMatch = routed.union(augmented);
    if (options.testFault() != null && !options.testFault().isBlank()) {
      toMatch =
          toMatch
              .map(new io.cxengage.job.fault.FaultInjector(options.testFault()))
              .returns(BinaryTypeInfo.routedEvent())
              .uid("cx-test-fault")
              .name("test fault");
    }
    SingleOutputStreamOperator<MatchRecord> matches =
        toMatch
            .keyBy(RoutedEvent::routingKey, Types.STRING)
            .connect(feed.broadcast())
            .transform(
                "dynamic CEP",
                JsonTypeInfo.of(MatchRecord.class),
                new DynamicPatternOperator(options.ordering(), options.configInitiallyReady()))
            .uid("cx-dynamic-cep");

    SingleOutputStreamOperator<MatchRecord> planned =
        matches
            .connect(feed.broadcast())
            .transform(
                "notification augments: plan",
                JsonTypeInfo.of(MatchRecord.class),
                new NotificationAugmentPlanner(options.configInitiallyReady()))
            .uid("cx-notification-augment-plan");
    DataStream<MatchRecord> notified =
        AugmentStages.apply(
                "notification",
                planned.getSideOutput(NotificationAugmentPlanner.AUGMENT),
                rowsByService.getSideOutput(AugmentRowRouter.NOTIFICATION),
                options.augments())
            .map(AugmentSubject::toMatch)
            .returns(JsonTypeInfo.of(MatchRecord.class))
            .uid("cx-notification-augment-merge")
            .name("notification augments: merge");

    SingleOutputStreamOperator<ReactionRecord> reactions =
        planned
            .union(notified)
            .keyBy(MatchRecord::routingKey, Types.STRING)
            .connect(feed.broadcast())
            .transform(
                "reactions",
                JsonTypeInfo.of(ReactionRecord.class),
                new ReactionOperator(dispatch, options.configInitiallyReady()))
            .uid("cx-reactions");

    DataStream<DeadLetterRecord> dead =
        front
            .deadLetters()
            .union(
                matches.getSideOutput(DynamicPatternOperator.LATE),
                reactions.getSideOutput(ReactionOperator.DEAD));
    return new Outputs(reactions, reactions.getSideOutput(ReactionOperator.STREAM), dead);
  }

  /**
   * The front of the graph: the events parsed, timed and routed to their tenant's key (with the
   * events that await engine augments on a side output), the configuration feed they were routed
   * by, and the dead letters of those steps. {@link #build} continues it; the bench ends it in a
   * discard sink to measure what the engine costs.
   */
  public record Routed(
      SingleOutputStreamOperator<RoutedEvent> events,
      DataStream<ConfigUpdate> feed,
      DataStream<DeadLetterRecord> deadLetters) {}

  /** Parses, times and routes the events; see {@link Routed}. */
  public static Routed route(
      DataStream<RawEvent> events, DataStream<ConfigUpdate> config, JobOptions options) {
    DataStream<ConfigUpdate> feed =
        config
            .assignTimestampsAndWatermarks(CxEngageJob.<ConfigUpdate>neverHoldsBackTime())
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
            .returns(BinaryTypeInfo.parsedEvent())
            .uid("cx-parse")
            .name("parse events");
    SingleOutputStreamOperator<ParsedEvent> timed =
        parsed
            .transform(
                "event time",
                BinaryTypeInfo.parsedEvent(),
                new EventClock(options.tolerance().toMillis(), options.followWallClock()))
            .uid("cx-event-time");

    SingleOutputStreamOperator<RoutedEvent> routed =
        timed
            .connect(feed.broadcast())
            .transform(
                "route by key attribute",
                BinaryTypeInfo.routedEvent(),
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
   * The configuration and the augment rows carry no event time: they are always idle, so they never
   * hold back (nor drive) the watermark of the operators they reach.
   */
  private static <T> WatermarkStrategy<T> neverHoldsBackTime() {
    return ctx ->
        new WatermarkGenerator<>() {
          @Override
          public void onEvent(T event, long ts, WatermarkOutput out) {}

          @Override
          public void onPeriodicEmit(WatermarkOutput out) {
            out.markIdle();
          }
        };
  }
}
