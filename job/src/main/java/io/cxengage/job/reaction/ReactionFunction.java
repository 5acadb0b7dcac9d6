package io.cxengage.job.reaction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.connectors.records.ReactionRecord;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.dsl.plan.Reaction;
import io.cxengage.job.model.MatchRecord;
import io.cxengage.job.model.StreamMessage;
import io.cxengage.job.serde.JsonTypeInfo;
import io.cxengage.job.serde.JsonTypeSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs the reaction plan of each match for one customer key: builds the context, executes the plan
 * with {@link PlanExecutor}, writes one {@link ReactionRecord} per send outcome, sends {@code
 * generic} bodies to {@link #STREAM}, and keeps delays and time limits as event-time timers in
 * keyed state. A send id already delivered is not delivered again.
 */
public final class ReactionFunction
    extends KeyedProcessFunction<String, MatchRecord, ReactionRecord> {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<StreamMessage> STREAM =
      new OutputTag<>("stream-messages", JsonTypeInfo.of(StreamMessage.class));
  public static final OutputTag<DeadLetterRecord> DEAD =
      new OutputTag<>("reaction-dead-letters", JsonTypeInfo.of(DeadLetterRecord.class));

  private final SendGateway gateway;

  private transient MapState<String, PlanRun> runs;
  private transient MapState<Long, List<String>> timers;
  private transient MapState<String, Long> delivered;
  private transient Map<String, Reaction> plans;
  private transient Counter sent;
  private transient Counter failed;

  public ReactionFunction(SendGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext context) {
    runs =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "cx-plan-runs",
                    StringSerializer.INSTANCE,
                    new JsonTypeSerializer<>(PlanRun.class)));
    timers =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "cx-plan-timers",
                    LongSerializer.INSTANCE,
                    new ListSerializer<>(StringSerializer.INSTANCE)));
    MapStateDescriptor<String, Long> deliveredDescriptor =
        new MapStateDescriptor<>("cx-delivered-sends", Types.STRING, Types.LONG);
    deliveredDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(7)).build());
    delivered = getRuntimeContext().getMapState(deliveredDescriptor);
    plans = new HashMap<>();
    sent = getRuntimeContext().getMetricGroup().counter("sendsSent");
    failed = getRuntimeContext().getMetricGroup().counter("sendsFailed");
  }

  @Override
  public void processElement(MatchRecord match, Context ctx, Collector<ReactionRecord> out)
      throws Exception {
    Reaction plan = plan(match.then());
    if (plan == null) {
      ctx.output(
          DEAD, deadLetter(match.tenant(), "the pattern's then no longer checks: " + match.then()));
      return;
    }
    PlanRun run = new PlanRun();
    List<String> eventIds = new ArrayList<>();
    for (CustomerEvent e : match.events()) {
      eventIds.add(e.id());
    }
    run.runId = SendIds.of(match.tenant(), match.patternId(), match.whenVersion(), eventIds, "run");
    if (runs.contains(run.runId)) {
      return; // the same match again (a replay): its run is already under way
    }
    run.tenant = match.tenant();
    run.patternId = match.patternId();
    run.whenVersion = match.whenVersion();
    run.key = match.key();
    run.matchedAt = match.at();
    run.eventIds = eventIds;
    run.context =
        ReactionContext.of(match.events(), null, match.tenant(), match.patternId(), match.key());
    run.then = match.then();
    run.templates = match.templates();
    Effects effects = new Effects(ctx, out);
    new PlanExecutor(plan, effects).start(run);
    effects.drain(plan, run);
    store(run);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReactionRecord> out)
      throws Exception {
    List<String> due = timers.get(timestamp);
    if (due == null) {
      return;
    }
    timers.remove(timestamp);
    for (String entry : due) {
      int bar = entry.indexOf('|');
      PlanRun run = runs.get(entry.substring(0, bar));
      if (run == null) {
        continue;
      }
      Reaction plan = plan(run.then);
      Effects effects = new Effects(ctx, out);
      new PlanExecutor(plan, effects).onTimer(run, entry.substring(bar + 1), timestamp);
      effects.drain(plan, run);
      store(run);
    }
  }

  private void store(PlanRun run) throws Exception {
    if (run.done) {
      runs.remove(run.runId);
    } else {
      runs.put(run.runId, run);
    }
  }

  private Reaction plan(String then) {
    return plans.computeIfAbsent(
        then,
        t -> {
          var checked = PatternLanguage.checkThen(t, null);
          return checked.ok() ? checked.value() : null;
        });
  }

  private static DeadLetterRecord deadLetter(String tenant, String reason) {
    return new DeadLetterRecord(
        tenant, reason, "reaction", null, null, null, null, Instant.now().toString());
  }

  /** The effects of one call into the executor; send outcomes are fed back after it returns. */
  private final class Effects implements PlanEffects {
    private final Context ctx;
    private final Collector<ReactionRecord> out;
    private final Deque<Object[]> outcomes = new ArrayDeque<>();

    Effects(Context ctx, Collector<ReactionRecord> out) {
      this.ctx = ctx;
      this.out = out;
    }

    void drain(Reaction plan, PlanRun run) {
      PlanExecutor executor = new PlanExecutor(plan, this);
      while (!outcomes.isEmpty()) {
        Object[] o = outcomes.poll();
        executor.onSendResult(run, (String) o[0], (Boolean) o[1], (String) o[2], (Long) o[3]);
      }
    }

    @Override
    public void send(PlanRun run, SendStep step) {
      try {
        if (delivered.contains(step.sendId())) {
          outcomes.add(new Object[] {step.path(), true, null, step.at()});
          return;
        }
        SendGateway.Outcome outcome;
        if (step.integration().equals("echo")) {
          outcome = new SendGateway.Outcome(true, 1, null);
        } else if (step.integration().equals("generic")) {
          ctx.output(
              STREAM,
              new StreamMessage(run.tenant, step.sendId(), step.params().path("body").asText("")));
          outcome = new SendGateway.Outcome(true, 1, null);
        } else {
          outcome = gateway.send(run.tenant, step);
        }
        record(run, step, outcome.ok(), outcome.attempts(), outcome.error());
        if (outcome.ok()) {
          delivered.put(step.sendId(), step.at());
        }
        outcomes.add(new Object[] {step.path(), outcome.ok(), outcome.error(), step.at()});
      } catch (Exception e) {
        throw new IllegalStateException("cannot record the send " + step.sendId(), e);
      }
    }

    @Override
    public void failedBeforeSend(PlanRun run, SendStep step, String error) {
      record(run, step, false, 0, error);
    }

    @Override
    public void schedule(PlanRun run, String timerId, long at) {
      try {
        List<String> list = timers.get(at);
        if (list == null) {
          list = new ArrayList<>();
          ctx.timerService().registerEventTimeTimer(at);
        }
        list.add(run.runId + "|" + timerId);
        timers.put(at, list);
      } catch (Exception e) {
        throw new IllegalStateException("cannot schedule " + timerId, e);
      }
    }

    @Override
    public void unhandledFailure(PlanRun run, String error) {
      ctx.output(
          DEAD,
          deadLetter(
              run.tenant,
              "reaction of " + run.patternId + " for key " + run.key + " failed: " + error));
    }

    private void record(PlanRun run, SendStep step, boolean ok, int attempts, String error) {
      (ok ? sent : failed).inc();
      ObjectNode params = SendMasking.mask(step.integration(), step.params());
      out.collect(
          new ReactionRecord(
              step.sendId(),
              run.tenant,
              run.patternId,
              run.key,
              step.integration(),
              step.action(),
              params,
              ok ? ReactionRecord.SENT : ReactionRecord.FAILED,
              attempts,
              error,
              Instant.ofEpochMilli(step.at()).toString(),
              Instant.now().toString()));
    }
  }
}
