package io.cxengage.job.reaction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.dispatch.Dispatcher;
import io.cxengage.connectors.dispatch.Dispatchers;
import io.cxengage.connectors.dispatch.RateLimiter;
import io.cxengage.connectors.dispatch.RetryPolicy;
import io.cxengage.connectors.dispatch.SecretMasking;
import io.cxengage.connectors.dispatch.SendRequest;
import io.cxengage.connectors.dispatch.SendResult;
import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.connectors.records.ReactionRecord;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.dsl.plan.Reaction;
import io.cxengage.job.model.ConfigUpdate;
import io.cxengage.job.model.MatchRecord;
import io.cxengage.job.model.StreamMessage;
import io.cxengage.job.serde.JsonTypeInfo;
import io.cxengage.job.serde.JsonTypeSerializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Runs the reaction plan of each match for one customer key (dsl.md section 3). The plan's state
 * lives in keyed state; delays and time limits are event-time timers, retries and rate-limit waits
 * processing-time timers, never sleeping threads. External sends go to their dispatchers
 * asynchronously; outcomes come back through the task's mailbox. Before a checkpoint barrier
 * passes, the sends in flight are awaited, so a checkpoint never holds a send whose outcome is
 * unknown. Every outcome is one {@link ReactionRecord}; a send id already delivered is not
 * delivered again; a failure no {@code failure} option handles goes to {@link #DEAD}.
 */
public final class ReactionOperator
    extends io.cxengage.job.config.ConfiguredOperator<MatchRecord, ReactionRecord>
    implements Triggerable<String, String> {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<StreamMessage> STREAM =
      new OutputTag<>("stream-messages", JsonTypeInfo.of(StreamMessage.class));
  public static final OutputTag<DeadLetterRecord> DEAD =
      new OutputTag<>("reaction-dead-letters", JsonTypeInfo.of(DeadLetterRecord.class));

  private static final String EVENT_TIMER = "e|";
  private static final String ATTEMPT_TIMER = "p|";

  private final DispatchSettings settings;

  private transient MapState<String, PlanRun> runs;
  private transient MapState<String, Long> delivered;
  private transient InternalTimerService<String> timers;
  private transient Credentials credentials;
  private transient Dispatchers dispatchers;
  private transient RateLimiter limiter;
  private transient SplittableRandom random;
  private transient MailboxExecutor mailbox;
  private transient int inFlight;
  private transient Map<String, Reaction> plans;
  private transient Counter sent;
  private transient Counter failed;
  private transient Counter retried;

  private transient io.cxengage.job.config.HeldUntilReady<MatchRecord> held;

  public ReactionOperator(DispatchSettings settings, boolean initiallyReady) {
    super(initiallyReady);
    this.settings = settings;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    var store = context.getKeyedStateStore();
    runs =
        store.getMapState(
            new MapStateDescriptor<>(
                "cx-plan-runs",
                StringSerializer.INSTANCE,
                new JsonTypeSerializer<>(PlanRun.class)));
    MapStateDescriptor<String, Long> deliveredDescriptor =
        new MapStateDescriptor<>("cx-delivered-sends", Types.STRING, Types.LONG);
    deliveredDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(7)).build());
    delivered = store.getMapState(deliveredDescriptor);
    held =
        new io.cxengage.job.config.HeldUntilReady<>(
            store,
            context.getOperatorStateStore(),
            "cx-reactions",
            new JsonTypeSerializer<>(MatchRecord.class),
            MatchRecord::configOffset,
            this::ownsKey);
    credentials = new Credentials(settings.secretKey());
    for (ConfigUpdate u : storedConfiguration()) {
      credentials.apply(u.key(), u.value());
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    timers = getInternalTimerService("cx-reaction-timers", StringSerializer.INSTANCE, this);
    mailbox =
        getContainingTask()
            .getMailboxExecutorFactory()
            .createExecutor(getOperatorConfig().getChainIndex());
    dispatchers =
        settings.replay() ? null : Dispatchers.create(settings.endpoints(), Clock.systemUTC());
    limiter = new RateLimiter(settings.limit(), Map.of(), System::nanoTime);
    random = new SplittableRandom();
    plans = new HashMap<>();
    sent = getMetricGroup().counter("sendsSent");
    failed = getMetricGroup().counter("sendsFailed");
    retried = getMetricGroup().counter("sendsRetried");
  }

  @Override
  public void snapshotState(org.apache.flink.runtime.state.StateSnapshotContext context)
      throws Exception {
    super.snapshotState(context);
    held.snapshot();
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    while (inFlight > 0) {
      mailbox.yield();
    }
  }

  @Override
  public void close() throws Exception {
    if (dispatchers != null) {
      dispatchers.close();
    }
    super.close();
  }

  @Override
  protected void onConfiguration(ConfigUpdate update) {
    credentials.apply(update.key(), update.value());
  }

  @Override
  protected void onConfigurationAdvanced() throws Exception {
    if (held.any()) {
      held.release(this::setCurrentKey, this::start, appliedOffset());
    }
  }

  @Override
  public void processElement1(StreamRecord<MatchRecord> record) throws Exception {
    if (held.holdIfNeeded(
        record.getValue().routingKey(), record.getValue(), ready(), appliedOffset())) {
      return;
    }
    start(record.getValue());
  }

  private void start(MatchRecord match) throws Exception {
    Reaction plan = plan(match.then());
    if (plan == null) {
      output.collect(
          DEAD,
          new StreamRecord<>(
              deadLetter(match.tenant(), "the pattern's then no longer checks: " + match.then())));
      return;
    }
    List<String> eventIds = new ArrayList<>();
    for (CustomerEvent e : match.events()) {
      eventIds.add(e.id());
    }
    PlanRun run = new PlanRun();
    run.runId = SendIds.of(match.tenant(), match.patternId(), match.whenVersion(), eventIds, "run");
    if (runs.contains(run.runId)) {
      return; // the same match again: its run is already under way
    }
    run.tenant = match.tenant();
    run.patternId = match.patternId();
    run.whenVersion = match.whenVersion();
    run.key = match.key();
    run.matchedAt = match.at();
    run.eventIds = eventIds;
    run.context =
        ReactionContext.of(
            match.events(), match.notification(), match.tenant(), match.patternId(), match.key());
    run.then = match.then();
    run.templates = match.templates();
    Effects effects = new Effects(run, plan);
    effects.executor.start(run);
    effects.finish();
  }

  @Override
  public void onEventTime(InternalTimer<String, String> timer) throws Exception {
    String ns = timer.getNamespace();
    int bar = ns.indexOf('|', 2);
    PlanRun run = runs.get(ns.substring(2, bar));
    if (run == null) {
      return;
    }
    Effects effects = new Effects(run, plan(run.then));
    effects.executor.onTimer(run, ns.substring(bar + 1), timer.getTimestamp());
    effects.finish();
  }

  @Override
  public void onProcessingTime(InternalTimer<String, String> timer) throws Exception {
    String ns = timer.getNamespace();
    int bar = ns.indexOf('|', 2);
    PlanRun run = runs.get(ns.substring(2, bar));
    if (run == null) {
      return;
    }
    Effects effects = new Effects(run, plan(run.then));
    effects.attempt(ns.substring(bar + 1));
    effects.finish();
  }

  /** An external send finished; runs on the task thread (mailbox). */
  private void onDispatched(
      String routingKey, String runId, String path, int attempt, SendResult result)
      throws Exception {
    inFlight--;
    setCurrentKey(routingKey);
    PlanRun run = runs.get(runId);
    if (run == null) {
      return;
    }
    Effects effects = new Effects(run, plan(run.then));
    effects.outcome(path, attempt, result);
    effects.finish();
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

  /**
   * The effects of one call into the executor for one run. Outcomes known at once (echo, generic,
   * replays, failures before sending) are fed back after the executor returns.
   */
  private final class Effects implements PlanEffects {
    final PlanRun run;
    final PlanIndex index;
    final PlanExecutor executor;
    private final Deque<Object[]> outcomes = new ArrayDeque<>();

    Effects(PlanRun run, Reaction plan) {
      this.run = run;
      this.index = new PlanIndex(plan);
      this.executor = new PlanExecutor(plan, this);
    }

    /** Feeds back the outcomes known at once, then stores (or drops) the run. */
    void finish() throws Exception {
      while (!outcomes.isEmpty()) {
        Object[] o = outcomes.poll();
        executor.onSendResult(run, (String) o[0], (Boolean) o[1], (String) o[2], (Long) o[3]);
      }
      if (run.done) {
        runs.remove(run.runId);
      } else {
        runs.put(run.runId, run);
      }
    }

    @Override
    public void send(PlanRun r, SendStep step) {
      try {
        if (delivered.contains(step.sendId())) {
          outcomes.add(new Object[] {step.path(), true, null, step.at()});
          return;
        }
        String integration = step.integration();
        if (integration.equals("echo") || integration.equals("generic") || settings.replay()) {
          if (integration.equals("generic")) {
            output.collect(
                STREAM,
                new StreamRecord<>(
                    new StreamMessage(
                        r.tenant, step.sendId(), step.params().path("body").asText(""))));
          }
          run.steps.get(step.path()).attempts = 1;
          delivered(step);
          return;
        }
        attempt(step.path());
      } catch (Exception e) {
        throw new IllegalStateException("cannot make the send " + step.sendId(), e);
      }
    }

    /** One attempt at an external send, unless the rate limit asks to wait. */
    void attempt(String path) throws Exception {
      PlanRun.StepState st = run.steps.get(path);
      if (st == null || !st.status.equals(PlanRun.StepState.RUNNING)) {
        return;
      }
      SendStep step = render(path);
      IntegrationDocument creds;
      try {
        creds = credentials.decrypted(run.tenant, step.integration());
      } catch (IllegalStateException e) {
        st.attempts = Math.max(1, st.attempts);
        give(step, st.attempts, e.getMessage());
        return;
      }
      Dispatcher dispatcher = dispatchers.get(step.integration()).orElse(null);
      if (dispatcher == null) {
        give(step, Math.max(1, st.attempts), "no dispatcher for " + step.integration());
        return;
      }
      RateLimiter.Permit permit = limiter.tryAcquire(run.tenant, step.integration());
      if (!permit.granted()) {
        timers.registerProcessingTimeTimer(
            ATTEMPT_TIMER + run.runId + "|" + path,
            timers.currentProcessingTime() + Math.max(1, permit.waitFor().toMillis()));
        return;
      }
      int attempt = st.attempts + 1;
      st.attempts = attempt;
      String routingKey = (String) getCurrentKey();
      String runId = run.runId;
      inFlight++;
      dispatcher
          .send(
              new SendRequest(
                  step.sendId(),
                  run.tenant,
                  step.integration(),
                  step.action(),
                  step.params(),
                  creds,
                  attempt))
          .whenComplete(
              (result, error) -> {
                SendResult r =
                    error == null
                        ? result
                        : SendResult.retryable(
                            0, "the dispatcher failed: " + error.getMessage(), null);
                mailbox.execute(
                    () -> onDispatched(routingKey, runId, path, attempt, r), "send outcome");
              });
    }

    /** The outcome of one attempt: delivered, retried later, or failed for good. */
    void outcome(String path, int attempt, SendResult result) throws Exception {
      PlanRun.StepState st = run.steps.get(path);
      SendStep step = render(path);
      if (result.isSent()) {
        delivered(step);
        return;
      }
      RetryPolicy.Decision decision =
          new RetryPolicy(step.retries(), random).decide(attempt, result);
      if (decision.retry() && st != null && st.status.equals(PlanRun.StepState.RUNNING)) {
        retried.inc();
        timers.registerProcessingTimeTimer(
            ATTEMPT_TIMER + run.runId + "|" + path,
            timers.currentProcessingTime() + Math.max(1, decision.delay().toMillis()));
        return;
      }
      give(step, attempt, result.error());
    }

    private void delivered(SendStep step) throws Exception {
      delivered.put(step.sendId(), step.at());
      record(step, true, run.steps.get(step.path()).attempts, null);
      outcomes.add(new Object[] {step.path(), true, null, step.at()});
    }

    private void give(SendStep step, int attempts, String error) {
      record(step, false, attempts, error);
      outcomes.add(new Object[] {step.path(), false, error, step.at()});
    }

    /** The send of a step, rendered again from the run's context (deterministic). */
    private SendStep render(String path) {
      Reaction.Send send = (Reaction.Send) index.node(path);
      ObjectNode params;
      try {
        params = ReactionContext.render(send, run.context, run.templates);
      } catch (ReactionContext.MissingAttribute e) {
        params = ReactionContext.renderLeniently(send, run.context);
      }
      int retries =
          send.options().retries() != null
              ? send.options().retries()
              : Reaction.Options.DEFAULT_RETRIES;
      String sendId = SendIds.of(run.tenant, run.patternId, run.whenVersion, run.eventIds, path);
      PlanRun.StepState st = run.steps.get(path);
      long at = st == null ? run.matchedAt : st.startedAt;
      return new SendStep(path, sendId, send.integration(), send.action(), params, at, retries);
    }

    @Override
    public void failedBeforeSend(PlanRun r, SendStep step, String error) {
      record(step, false, 0, error);
    }

    @Override
    public void schedule(PlanRun r, String timerId, long at) {
      timers.registerEventTimeTimer(EVENT_TIMER + r.runId + "|" + timerId, at);
    }

    @Override
    public void unhandledFailure(PlanRun r, String error) {
      output.collect(
          DEAD,
          new StreamRecord<>(
              deadLetter(
                  r.tenant,
                  "reaction of " + r.patternId + " for key " + r.key + " failed: " + error)));
    }

    private void record(SendStep step, boolean ok, int attempts, String error) {
      (ok ? sent : failed).inc();
      output.collect(
          new StreamRecord<>(
              new ReactionRecord(
                  step.sendId(),
                  run.tenant,
                  run.patternId,
                  run.key,
                  step.integration(),
                  step.action(),
                  SecretMasking.maskParams(step.params()),
                  ok ? ReactionRecord.SENT : ReactionRecord.FAILED,
                  attempts,
                  error,
                  Instant.ofEpochMilli(step.at()).toString(),
                  Instant.now().toString()),
              step.at()));
    }
  }
}
