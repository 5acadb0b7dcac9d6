package io.cxengage.job.cep;

import io.cxengage.dsl.event.CustomerEvent;
import java.util.Iterator;
import java.util.function.Predicate;
import org.apache.flink.cep.nfa.ComputationState;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBufferAccessor;

/**
 * Removes partial matches from an NFA's state from outside the NFA, releasing what they hold in the
 * shared buffer: for {@code fail} (cancel them all) and for skip-past-last-event after an {@code
 * absent} match completes (drop those that began at or before its last event).
 */
final class NfaPruning {

  private NfaPruning() {}

  /** Removes every started partial match for which {@code drop} holds; true if any was removed. */
  static boolean prune(
      NFAState state,
      SharedBufferAccessor<CustomerEvent> accessor,
      Predicate<ComputationState> drop)
      throws Exception {
    boolean changed = false;
    Iterator<ComputationState> it = state.getPartialMatches().iterator();
    while (it.hasNext()) {
      ComputationState cs = it.next();
      if (cs.getStartEventID() != null && drop.test(cs)) {
        if (cs.getPreviousBufferEntry() != null) {
          accessor.releaseNode(cs.getPreviousBufferEntry(), cs.getVersion());
        }
        it.remove();
        changed = true;
      }
    }
    if (changed) {
      state.setStateChanged();
    }
    return changed;
  }

  /** The last buffer entries of the started partial matches. */
  static java.util.Set<org.apache.flink.cep.nfa.sharedbuffer.NodeId> lastEntries(NFAState state) {
    java.util.Set<org.apache.flink.cep.nfa.sharedbuffer.NodeId> entries = new java.util.HashSet<>();
    for (ComputationState cs : state.getPartialMatches()) {
      if (cs.getStartEventID() != null && cs.getPreviousBufferEntry() != null) {
        entries.add(cs.getPreviousBufferEntry());
      }
    }
    return entries;
  }

  /** Whether only the start state is left: nothing worth storing. */
  static boolean isIdle(NFAState state) {
    if (!state.getCompletedMatches().isEmpty()) {
      return false;
    }
    for (ComputationState cs : state.getPartialMatches()) {
      if (cs.getStartEventID() != null) {
        return false;
      }
    }
    return true;
  }

  /** The earliest start of a started partial match, or {@code Long.MAX_VALUE}. */
  static long earliestStart(NFAState state) {
    long min = Long.MAX_VALUE;
    for (ComputationState cs : state.getPartialMatches()) {
      if (cs.getStartEventID() != null) {
        min = Math.min(min, cs.getStartTimestamp());
      }
    }
    return min;
  }
}
