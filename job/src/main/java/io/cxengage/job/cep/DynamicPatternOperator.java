package io.cxengage.job.cep;

import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.dsl.compile.CompiledWhen;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.config.ConfigView;
import io.cxengage.job.model.ConfigUpdate;
import io.cxengage.job.model.MatchRecord;
import io.cxengage.job.model.RoutedEvent;
import io.cxengage.job.parse.DeadLetters;
import io.cxengage.job.serde.CustomerEventSerializer;
import io.cxengage.job.serde.JsonTypeSerializer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.NFAStateSerializer;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.sharedbuffer.NodeId;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBuffer;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBufferAccessor;
import org.apache.flink.cep.time.TimerService;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The dynamic CEP operator: hosts Flink CEP's NFA for every enabled pattern of every tenant, per
 * customer key, and takes pattern changes from the broadcast configuration while it runs.
 *
 * <p>Per key it keeps one shared buffer for all patterns, the NFA state of each pattern version
 * that has partial matches and pending absences. In event-time ordering the events wait for the
 * watermark in one queue of the operator ({@link EventTimeQueue}). An event is offered only to the
 * patterns it can touch ({@link PatternIndex}). Around the NFA it applies what Flink CEP lacks:
 * {@code fail} cancels partial matches, {@code absent} completes candidates by timer, windows
 * expire by timer rather than on every event.
 */
public final class DynamicPatternOperator
    extends io.cxengage.job.config.ConfiguredOperator<RoutedEvent, MatchRecord>
    implements Triggerable<String, String> {

  private static final long serialVersionUID = 1L;

  /** Events that arrived behind the watermark. */
  public static final OutputTag<DeadLetterRecord> LATE =
      new OutputTag<>("late-events", io.cxengage.job.serde.JsonTypeInfo.of(DeadLetterRecord.class));

  static final String NFA_STATES = "cx-nfa-states";
  private static final String WINDOW = "w|";
  private static final String ABSENCE = "a|";

  private final Ordering ordering;

  private transient ConfigView config;
  private transient PatternRegistry registry;
  private transient SharedBuffer<CustomerEvent> buffer;
  private transient MapState<String, NFAState> nfaStates;
  private transient EventTimeQueue<String, RoutedEvent> waiting;
  private transient ListState<RoutedEvent> waitingState;
  private transient MapState<String, PendingAbsence> pendings;
  private transient ValueState<Map<String, Integer>> holding;
  private transient MapState<Long, Integer> bufferEventCounts;
  private transient InternalTimerService<String> timers;
  private transient Counter matches;
  private transient Counter lateEvents;
  private transient Counter cancelled;
  private transient io.cxengage.job.config.HeldUntilReady<RoutedEvent> held;
  private transient Set<String> tenantsToRefresh;

  /** How events of a key are put in order before matching. */
  public enum Ordering {
    /** Wait for the watermark and match in timestamp order (exact; latency = tolerance). */
    EVENT_TIME,
    /** Match at arrival (low latency); order within a key is the arrival order. */
    ARRIVAL
  }

  public DynamicPatternOperator(Ordering ordering, boolean initiallyReady) {
    super(initiallyReady);
    this.ordering = ordering;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    // keeps the shared buffer's event counters as one value per key (no RocksDB seeks on expiry),
    // or in memory in event-time order, where they are forgotten after every drain
    var store =
        new SharedBufferStateStore(context.getKeyedStateStore(), ordering == Ordering.EVENT_TIME);
    buffer = new SharedBuffer<>(store, CustomerEventSerializer.INSTANCE);
    nfaStates =
        store.getMapState(
            new MapStateDescriptor<>(
                NFA_STATES, StringSerializer.INSTANCE, new NFAStateSerializer()));
    pendings =
        store.getMapState(
            new MapStateDescriptor<>(
                "cx-pending-absences",
                StringSerializer.INSTANCE,
                new JsonTypeSerializer<>(PendingAbsence.class)));
    // per pattern version, how many things it holds under the key (its NFA state counts one, each
    // pending absence one): an event reads this one value to know which patterns' state to read
    holding =
        store.getState(
            new ValueStateDescriptor<>(
                "cx-holding-patterns",
                new MapSerializer<>(StringSerializer.INSTANCE, IntSerializer.INSTANCE)));
    // The shared buffer's own per-timestamp counters (the same value the buffer uses): forgotten
    // once their timestamp is behind the watermark, cleared when a key holds nothing any more.
    bufferEventCounts =
        store.getMapState(
            new MapStateDescriptor<>(
                SharedBufferStateStore.EVENT_COUNTS,
                LongSerializer.INSTANCE,
                IntSerializer.INSTANCE));
    held =
        new io.cxengage.job.config.HeldUntilReady<>(
            store,
            context.getOperatorStateStore(),
            "cx-cep",
            new JsonTypeSerializer<>(RoutedEvent.class),
            RoutedEvent::configOffset,
            this::ownsKey);
    restoreWaiting(context);
    config = new ConfigView();
    registry = new PatternRegistry();
    tenantsToRefresh = new java.util.HashSet<>();
    List<ConfigUpdate> entries = storedConfiguration();
    for (ConfigUpdate e : entries) {
      config.apply(e);
    }
    for (String tenant : tenantsOf(entries)) {
      registry.refresh(tenant, config.tenant(tenant));
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    timers = getInternalTimerService("cx-cep-timers", StringSerializer.INSTANCE, this);
    matches = getMetricGroup().counter("matches");
    lateEvents = getMetricGroup().counter("lateEvents");
    cancelled = getMetricGroup().counter("cancelledPartialMatches");
  }

  @Override
  public void close() throws Exception {
    if (buffer != null) {
      buffer.releaseCacheStatisticsTimer();
    }
    super.close();
  }

  @Override
  public void snapshotState(org.apache.flink.runtime.state.StateSnapshotContext context)
      throws Exception {
    super.snapshotState(context);
    held.snapshot();
    waitingState.update(waiting.all());
  }

  /**
   * The events that waited for the watermark at the checkpoint. They are kept in union operator
   * state, so after a change of parallelism each subtask takes back exactly those of its keys.
   */
  private void restoreWaiting(StateInitializationContext context) throws Exception {
    waiting = new EventTimeQueue<>();
    waitingState =
        context
            .getOperatorStateStore()
            .getUnionListState(
                new ListStateDescriptor<>(
                    "cx-cep-waiting", io.cxengage.job.serde.RoutedEventSerializer.INSTANCE));
    if (!context.isRestored()) {
      return;
    }
    for (RoutedEvent e : waitingState.get()) {
      if (ownsKey(e.routingKey())) {
        waiting.add(e.event().timestamp(), e.routingKey(), e);
      }
    }
  }

  // ---------------------------------------------------------------- configuration

  @Override
  protected void onConfigurationAdvanced() throws Exception {
    if (ready() && !tenantsToRefresh.isEmpty()) {
      for (String tenant : tenantsToRefresh) {
        Set<String> removed = registry.refresh(tenant, config.tenant(tenant));
        if (!removed.isEmpty()) {
          clearEverywhere(tenant, removed);
        }
      }
      tenantsToRefresh.clear();
    }
    if (held.any()) {
      held.release(this::setCurrentKey, this::accept, appliedOffset());
    }
  }

  @Override
  protected void onConfiguration(ConfigUpdate update) throws Exception {
    var key = config.apply(update);
    if (key.isEmpty()
        || !(key.get().kind() == io.cxengage.connectors.config.ConfigKind.PATTERN
            || key.get().kind() == io.cxengage.connectors.config.ConfigKind.TENANT)) {
      return;
    }
    String tenant = key.get().tenant();
    if (!ready()) {
      // nothing is matched before the configuration is read: compile each tenant once, when it
      // is, rather than once per pattern record (quadratic for a tenant with many patterns)
      tenantsToRefresh.add(tenant);
      return;
    }
    Set<String> removed = registry.refresh(tenant, config.tenant(tenant));
    if (!removed.isEmpty()) {
      clearEverywhere(tenant, removed);
    }
  }

  /** Drops the state of pattern versions that are gone, under every key of the tenant. */
  private void clearEverywhere(String tenant, Set<String> stateKeys) throws Exception {
    List<String> keys;
    try (Stream<String> s = keysOf(NFA_STATES)) {
      keys = s.filter(k -> k.startsWith(tenant + '\u0000')).toList();
    }
    List<String> pendingKeys;
    try (Stream<String> s = keysOf("cx-pending-absences")) {
      pendingKeys = s.filter(k -> k.startsWith(tenant + '\u0000')).toList();
    }
    Set<String> all = new java.util.LinkedHashSet<>(keys);
    all.addAll(pendingKeys);
    for (String k : all) {
      setCurrentKey(k);
      try (SharedBufferAccessor<CustomerEvent> accessor = buffer.getAccessor()) {
        for (String stateKey : stateKeys) {
          NFAState state = nfaStates.get(stateKey);
          if (state != null) {
            NfaPruning.prune(state, accessor, cs -> true);
            removeState(stateKey);
          }
          dropPendings(stateKey, accessor, p -> true);
        }
      }
      compactIfEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private Stream<String> keysOf(String stateName) {
    Object backend = getKeyedStateBackend();
    return ((org.apache.flink.runtime.state.KeyedStateBackend<String>) backend)
        .getKeys(stateName, VoidNamespace.INSTANCE);
  }

  // ---------------------------------------------------------------- events

  @Override
  public void processElement1(StreamRecord<RoutedEvent> record) throws Exception {
    if (held.holdIfNeeded(
        record.getValue().routingKey(), record.getValue(), ready(), appliedOffset())) {
      return;
    }
    accept(record.getValue());
  }

  private void accept(RoutedEvent routed) throws Exception {
    CustomerEvent event = routed.event();
    long watermark = timers.currentWatermark();
    if (event.timestamp() <= watermark) {
      lateEvents.inc();
      output.collect(
          LATE,
          new StreamRecord<>(
              DeadLetters.late(routed.tenant(), event, watermark), event.timestamp()));
      return;
    }
    if (ordering == Ordering.EVENT_TIME) {
      waiting.add(event.timestamp(), routed.routingKey(), routed);
    } else {
      match(routed.tenant(), routed.key(), event);
      forgetEventCounters(watermark);
    }
  }

  private void match(String tenant, String key, CustomerEvent event) throws Exception {
    PatternIndex index = registry.index(tenant);
    if (index == null) {
      return;
    }
    PatternIndex.Probe probe = index.probe(event);
    if (!index.mayTouch(probe)) {
      return;
    }
    long ts = event.timestamp();
    // A pattern that holds nothing under the key (no partial match, no pending absence: most
    // patterns, most of the time) has no state to read, fire or drop: it matters only if this
    // event can start it. One read of the key's holdings tells which patterns hold something.
    Map<String, Integer> held = holding.value();
    List<ActivePattern> offered = new ArrayList<>(4);
    if (held != null) {
      for (String stateKey : held.keySet()) {
        ActivePattern p = index.byStateKey(stateKey);
        if (p != null && index.touches(p, probe)) {
          offered.add(p);
        }
      }
    }
    index.addStartedBy(probe, offered);
    if (offered.isEmpty()) {
      return;
    }
    index.sort(offered);
    boolean[] holds = new boolean[offered.size()];
    for (int i = 0; i < holds.length; i++) {
      holds[i] = held != null && held.containsKey(offered.get(i).stateKey());
    }
    try (SharedBufferAccessor<CustomerEvent> accessor = buffer.getAccessor()) {
      for (int i = 0; i < offered.size(); i++) {
        ActivePattern p = offered.get(i);
        CompiledWhen c = p.compiled();
        boolean mayHoldState = holds[i];
        if (mayHoldState && c.hasAbsent()) {
          firePendings(tenant, key, p, ts, accessor);
        }
        NFAState state = mayHoldState ? nfaStates.get(p.stateKey()) : null;
        boolean stored = state != null;
        if (state == null) {
          state = p.nfa().createInitialNFAState();
        }
        if (c.cancels() != null && c.cancels().test(event.attributes())) {
          // fail: the event cancels every partial match before it can complete anything
          if (NfaPruning.prune(state, accessor, cs -> true)) {
            cancelled.inc();
          }
          if (mayHoldState && c.hasAbsent()) {
            dropPendings(p.stateKey(), accessor, pend -> true);
          }
          save(p.stateKey(), state, stored);
          continue;
        }
        if (mayHoldState && c.hasAbsent() && c.absent().test(event.attributes())) {
          dropPendings(p.stateKey(), accessor, pend -> pend.deadline() >= ts);
        }
        if (!stored && mayHoldState && !p.canStart(event)) {
          continue; // no partial match, and this event starts none: the NFA would stay as it is
        }
        // earliestStart is Long.MAX_VALUE when nothing has started: compare without adding to it
        if (c.windowMillis() > 0 && NfaPruning.earliestStart(state) < ts - c.windowMillis()) {
          p.nfa().advanceTime(accessor, state, ts, skip(c));
        }
        boolean observed = c.observes() != null && c.observes().test(event.attributes());
        Set<NodeId> before = observed ? NfaPruning.lastEntries(state) : Set.of();
        Collection<Map<String, List<CustomerEvent>>> found =
            p.nfa().process(accessor, state, event, ts, skip(c), NO_TIMERS);
        if (observed) {
          // a nested fail's event: the partial matches that could not take it were cancelled by it
          NfaPruning.prune(state, accessor, cs -> before.contains(cs.getPreviousBufferEntry()));
        }
        if (c.windowMillis() > 0 && state.isNewStartPartialMatch()) {
          timers.registerEventTimeTimer(WINDOW + p.stateKey(), ts + c.windowMillis() + 1);
        }
        if (c.hasAbsent()) {
          for (Map<String, List<CustomerEvent>> m : found) {
            addPending(p, withoutObserved(c, inOrder(m)), accessor);
          }
        } else if (!found.isEmpty()) {
          // skip-past-last-event: the match that began earliest wins, and every partial match
          // holds an event at or before its last one (this event), so all of them go
          emit(tenant, key, p, withoutObserved(c, earliest(found)), ts);
          NfaPruning.prune(state, accessor, cs -> true);
        }
        save(p.stateKey(), state, stored);
      }
    }
    compactIfEmpty();
  }

  private void addPending(
      ActivePattern p, List<CustomerEvent> events, SharedBufferAccessor<CustomerEvent> accessor)
      throws Exception {
    CustomerEvent last = events.get(events.size() - 1);
    String id = p.stateKey() + "|" + last.id();
    PendingAbsence existing = pendings.get(id);
    if (existing != null && existing.first().timestamp() <= events.get(0).timestamp()) {
      return; // the candidate that began earliest stands for this last event
    }
    long deadline = last.timestamp() + p.compiled().absentMillis();
    pendings.put(id, new PendingAbsence(p.stateKey(), events, deadline));
    if (existing == null) {
      adjustHolding(p.stateKey(), 1);
    }
    timers.registerEventTimeTimer(ABSENCE + p.stateKey(), deadline + 1);
  }

  /** Completes the pending absences of a pattern whose deadline is before {@code now}. */
  private void firePendings(
      String tenant,
      String key,
      ActivePattern p,
      long now,
      SharedBufferAccessor<CustomerEvent> accessor)
      throws Exception {
    List<PendingAbsence> due = new ArrayList<>();
    for (PendingAbsence pend : pendings.values()) {
      if (pend.stateKey().equals(p.stateKey()) && pend.deadline() < now) {
        due.add(pend);
      }
    }
    due.sort(Comparator.comparingLong(PendingAbsence::deadline));
    for (PendingAbsence pend : due) {
      String id = p.stateKey() + "|" + pend.last().id();
      if (!pendings.contains(id)) {
        continue; // dropped by an earlier completion
      }
      emit(tenant, key, p, pend.events(), pend.deadline());
      long horizon = pend.last().timestamp();
      dropPendings(p.stateKey(), accessor, other -> other.first().timestamp() <= horizon);
      NFAState state = nfaStates.get(p.stateKey());
      if (state != null) {
        NfaPruning.prune(state, accessor, cs -> cs.getStartTimestamp() <= horizon);
        save(p.stateKey(), state, true);
      }
    }
  }

  private void dropPendings(
      String stateKey,
      SharedBufferAccessor<CustomerEvent> accessor,
      java.util.function.Predicate<PendingAbsence> drop)
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, PendingAbsence> e : pendings.entries()) {
      if (e.getValue().stateKey().equals(stateKey) && drop.test(e.getValue())) {
        ids.add(e.getKey());
      }
    }
    for (String id : ids) {
      pendings.remove(id);
    }
    if (!ids.isEmpty()) {
      adjustHolding(stateKey, -ids.size());
    }
  }

  private void emit(
      String tenant, String key, ActivePattern p, List<CustomerEvent> events, long at) {
    matches.inc();
    Map<String, String> templates = new HashMap<>();
    Map<String, String> known = config.tenant(tenant).templates();
    for (String id : p.templateReferences()) {
      if (known.containsKey(id)) {
        templates.put(id, known.get(id));
      }
    }
    output.collect(
        new StreamRecord<>(
            new MatchRecord(
                tenant,
                p.id(),
                p.whenVersion(),
                key,
                events,
                at,
                p.document().then(),
                templates,
                appliedOffset()),
            at));
  }

  // ---------------------------------------------------------------- timers

  @Override
  public void onEventTime(InternalTimer<String, String> timer) throws Exception {
    String routingKey = timer.getKey();
    int sep = routingKey.indexOf('\u0000');
    String tenant = routingKey.substring(0, sep);
    String key = routingKey.substring(sep + 1);
    String ns = timer.getNamespace();
    String stateKey = ns.substring(2);
    ActivePattern p = registry.byStateKey(tenant, stateKey);
    if (p == null) {
      return;
    }
    try (SharedBufferAccessor<CustomerEvent> accessor = buffer.getAccessor()) {
      if (ns.startsWith(ABSENCE)) {
        firePendings(tenant, key, p, timer.getTimestamp(), accessor);
      } else {
        NFAState state = nfaStates.get(stateKey);
        if (state != null) {
          p.nfa().advanceTime(accessor, state, timer.getTimestamp(), skip(p.compiled()));
          save(stateKey, state, true);
        }
      }
    }
    compactIfEmpty();
  }

  @Override
  public void onProcessingTime(InternalTimer<String, String> timer) {}

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    drainUpTo(mark.getTimestamp());
    super.processWatermark(mark);
  }

  /**
   * Matches the waiting events up to {@code upTo} in timestamp order, each key's events of one
   * timestamp in one go. Before the events of a timestamp, the timers due before it fire, so that
   * windows and absences are decided in the same order as the events.
   */
  private void drainUpTo(long upTo) throws Exception {
    while (waiting.size() > 0 && waiting.firstTimestamp() <= upTo) {
      long t = waiting.firstTimestamp();
      if (t - 1 > timers.currentWatermark()) {
        timeServiceManager.advanceWatermark(new Watermark(t - 1));
      }
      for (Map.Entry<String, List<RoutedEvent>> batch : waiting.pollFirst().entrySet()) {
        setCurrentKey(batch.getKey());
        for (RoutedEvent e : batch.getValue()) {
          match(e.tenant(), e.key(), e.event());
        }
        forgetEventCounters(t);
      }
    }
  }

  // ---------------------------------------------------------------- state upkeep

  private void save(String stateKey, NFAState state, boolean stored) throws Exception {
    if (NfaPruning.isIdle(state)) {
      if (stored) {
        removeState(stateKey);
      }
      return;
    }
    if (state.isStateChanged() || !stored) {
      state.resetStateChanged();
      state.resetNewStartPartialMatch();
      nfaStates.put(stateKey, state);
      if (!stored) {
        adjustHolding(stateKey, 1);
      }
    }
  }

  private void removeState(String stateKey) throws Exception {
    nfaStates.remove(stateKey);
    adjustHolding(stateKey, -1);
  }

  /**
   * Counts what a pattern version holds under the key. The emptied map stays until {@link
   * #compactIfEmpty} sees it, so that the key's buffer counters go with it.
   */
  private void adjustHolding(String stateKey, int delta) throws Exception {
    Map<String, Integer> held = holding.value();
    if (held == null) {
      held = new HashMap<>(4);
    }
    int n = held.getOrDefault(stateKey, 0) + delta;
    if (n > 0) {
      held.put(stateKey, n);
    } else {
      held.remove(stateKey);
    }
    holding.update(held);
  }

  /**
   * Forgets the shared buffer's id counters of timestamps up to {@code upTo}. They number the
   * events of one timestamp; an event at or before {@code upTo} can no longer arrive (it would be
   * late), so no id is needed there any more. This keeps a key's counters to a few entries.
   */
  private void forgetEventCounters(long upTo) throws Exception {
    java.util.Iterator<Long> it = bufferEventCounts.keys().iterator();
    while (it.hasNext()) {
      if (it.next() <= upTo) {
        it.remove();
      }
    }
  }

  /** When a key holds no partial match, the shared buffer's counters can go too. */
  private void compactIfEmpty() throws Exception {
    Map<String, Integer> held = holding.value();
    if (held != null && held.isEmpty()) {
      holding.clear();
      bufferEventCounts.clear();
    }
  }

  private static AfterMatchSkipStrategy skip(CompiledWhen c) {
    return c.pattern().getAfterMatchSkipStrategy();
  }

  /** A nested fail's events are observed, never part of a match. */
  private static List<CustomerEvent> withoutObserved(CompiledWhen c, List<CustomerEvent> events) {
    if (c.observes() == null) {
      return events;
    }
    List<CustomerEvent> kept = new ArrayList<>(events.size());
    for (CustomerEvent e : events) {
      if (!c.observes().test(e.attributes())) {
        kept.add(e);
      }
    }
    return kept;
  }

  private static List<CustomerEvent> earliest(Collection<Map<String, List<CustomerEvent>>> found) {
    List<CustomerEvent> best = null;
    for (Map<String, List<CustomerEvent>> m : found) {
      List<CustomerEvent> events = inOrder(m);
      if (best == null || events.get(0).timestamp() < best.get(0).timestamp()) {
        best = events;
      }
    }
    return best;
  }

  /** The events of a match in time order, steps in pattern order for equal times. */
  static List<CustomerEvent> inOrder(Map<String, List<CustomerEvent>> match) {
    List<String> names = new ArrayList<>(match.keySet());
    names.sort(Comparator.comparingInt(DynamicPatternOperator::stepOrder).thenComparing(n -> n));
    List<CustomerEvent> out = new ArrayList<>();
    for (String n : names) {
      out.addAll(match.get(n));
    }
    out.sort(Comparator.comparingLong(CustomerEvent::timestamp));
    return out;
  }

  private static int stepOrder(String stateName) {
    if (stateName.startsWith("s")) {
      try {
        return Integer.parseInt(stateName.substring(1));
      } catch (NumberFormatException e) {
        return Integer.MAX_VALUE;
      }
    }
    return stateName.equals("end") ? Integer.MAX_VALUE : Integer.MAX_VALUE - 1;
  }

  private static Set<String> tenantsOf(List<ConfigUpdate> entries) {
    Set<String> tenants = new java.util.HashSet<>();
    for (ConfigUpdate e : entries) {
      ConfigKey.parse(e.key()).ifPresent(k -> tenants.add(k.tenant()));
    }
    return tenants;
  }

  private static final TimerService NO_TIMERS = System::currentTimeMillis;
}
