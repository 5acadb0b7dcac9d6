package io.cxengage.dsl.compile;

import io.cxengage.dsl.eval.EventPredicate;
import io.cxengage.dsl.event.CustomerEvent;
import java.util.List;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.pattern.Pattern;

/**
 * A {@code when} compiled for the engine: the Flink CEP pattern that matches its events, and what
 * the engine does around the NFA.
 *
 * <ul>
 *   <li>{@link #touches}: an event that satisfies none of the pattern's event predicates cannot
 *       advance it and is not offered to it; {@link #indexHint} lets the engine skip even that test
 *       for most patterns.
 *   <li>{@link #startHints}: of those, the events that can start a partial match. An event that
 *       starts nothing matters only to customers already holding a partial match (or a pending
 *       absence) of the pattern, so the engine looks for starting events in an index of these.
 *   <li>{@link #cancels}: an event that satisfies a {@code fail} of the outermost group cancels the
 *       pattern's partial matches before anything else, and is never part of a match; fails of
 *       nested groups are {@link #observes observed}.
 *   <li>{@link #absentMillis}/{@link #absent}: when the pattern ends with {@code absent}, a match
 *       of the NFA is only a candidate; it completes {@code absentMillis} after its last event
 *       unless an event satisfying {@link #absent} comes first (the NFA then runs without skipping,
 *       and the engine applies skip-past-last-event when the candidate completes).
 *   <li>{@link #windowMillis}: the outermost window, inclusive (the pattern's own {@code within} is
 *       one millisecond longer, as Flink's excludes its end); the engine uses it to expire partial
 *       matches with timers.
 * </ul>
 */
public final class CompiledWhen {

  private final Pattern<CustomerEvent, ?> pattern;
  private final NFACompiler.NFAFactory<CustomerEvent> nfaFactory;
  private final boolean generic;
  private final long windowMillis;
  private final EventPredicate touches;
  private final EventPredicate cancels;
  private final EventPredicate observes;
  private final long absentMillis;
  private final EventPredicate absent;
  private final IndexHint indexHint;
  private final List<IndexHint> startHints;

  CompiledWhen(
      Pattern<CustomerEvent, ?> pattern,
      boolean generic,
      long windowMillis,
      EventPredicate touches,
      EventPredicate cancels,
      EventPredicate observes,
      long absentMillis,
      EventPredicate absent,
      IndexHint indexHint,
      List<IndexHint> startHints) {
    this.pattern = pattern;
    this.nfaFactory = NFACompiler.compileFactory(pattern, false);
    this.generic = generic;
    this.windowMillis = windowMillis;
    this.touches = touches;
    this.cancels = cancels;
    this.observes = observes;
    this.absentMillis = absentMillis;
    this.absent = absent;
    this.indexHint = indexHint;
    this.startHints = startHints;
  }

  public Pattern<CustomerEvent, ?> pattern() {
    return pattern;
  }

  public NFACompiler.NFAFactory<CustomerEvent> nfaFactory() {
    return nfaFactory;
  }

  /** Whether the pattern uses the generic mapping (see the module README) rather than a chain. */
  public boolean generic() {
    return generic;
  }

  /** The outermost window in milliseconds, inclusive; 0 when there is none. */
  public long windowMillis() {
    return windowMillis;
  }

  public EventPredicate touches() {
    return touches;
  }

  /** The predicate of the pattern's fails, or null when it has none. */
  public EventPredicate cancels() {
    return cancels;
  }

  /**
   * The predicate of the fails of nested groups, or null. Their events are observed by the generic
   * mapping: a partial match that did not take such an event is dropped (its group may have been
   * partly matched), and they are never part of a match.
   */
  public EventPredicate observes() {
    return observes;
  }

  public boolean hasAbsent() {
    return absent != null;
  }

  public long absentMillis() {
    return absentMillis;
  }

  public EventPredicate absent() {
    return absent;
  }

  /**
   * The index hints of the events that can start a partial match (the first step's), one per
   * attribute the first step pins, the fewest values first; empty when the start cannot be told
   * from one event's attributes: the engine then tests each touching event against the NFA's start.
   */
  public List<IndexHint> startHints() {
    return startHints;
  }

  /** The index hint, or null when every event must be tested against {@link #touches}. */
  public IndexHint indexHint() {
    return indexHint;
  }
}
