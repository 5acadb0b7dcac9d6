package io.cxengage.dsl.semantics;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.eval.EventPredicate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A slow, literal reading of dsl.md's matching rules for the events of one key, used as the oracle
 * that the engine is tested against. For every event in order it looks for a set of unconsumed
 * events ending with it that satisfies the trigger, preferring the one that began earliest; a match
 * consumes every event up to its last. Root {@code fail}s cancel partial matches they fall inside;
 * a final {@code absent} completes its deadline later unless its event comes first.
 *
 * <p>It enumerates subsets, so it is exponential: keep inputs to a dozen events per key. A fail of
 * a nested group is observed by the automaton: its events are never skipped, never matched, and end
 * the candidates in which their group is partly matched.
 */
public final class ReferenceMatcher {

  /** One input event: its id, event time and attributes. */
  public record Input(String id, long timestamp, JsonNode attributes) {}

  /** A match: its events in order and the event time at which it fires. */
  public record Match(List<Input> events, long at) {}

  private final TriggerShape shape;
  private final TriggerAutomaton automaton;
  private final List<EventPredicate> fails;
  private final EventPredicate absent;

  public ReferenceMatcher(Trigger when) {
    this.shape = TriggerShape.of(when);
    this.automaton = new TriggerAutomaton(shape.prefix());
    this.fails = shape.rootFails().stream().map(EventPredicate::of).toList();
    this.absent = shape.hasAbsent() ? EventPredicate.of(shape.absent()) : null;
  }

  /** The matches of {@code events} (in processing order), then time runs to infinity. */
  public List<Match> run(List<Input> events) {
    List<Match> matches = new ArrayList<>();
    int horizon = -1;
    // pending absences by the index of their last event
    TreeMap<Integer, Match> pending = new TreeMap<>();
    List<Integer> pendingStart = new ArrayList<>();
    for (int j = 0; j < events.size(); j++) {
      Input e = events.get(j);
      if (absent != null) {
        horizon = firePending(events, pending, matches, horizon, e.timestamp());
        if (absent.test(e.attributes())) {
          pending.headMap(j).clear();
        }
      }
      if (isFail(e) || automaton.observes(e.attributes())) {
        continue; // a fail's event completes nothing
      }
      List<Input> found = earliest(events, horizon, j);
      if (found == null) {
        continue;
      }
      if (absent == null) {
        matches.add(new Match(found, e.timestamp()));
        horizon = j;
      } else {
        pending.putIfAbsent(j, new Match(found, e.timestamp() + shape.absentMillis()));
      }
    }
    if (absent != null) {
      firePending(events, pending, matches, horizon, Long.MAX_VALUE);
    }
    pendingStart.clear();
    return matches;
  }

  private int firePending(
      List<Input> events, TreeMap<Integer, Match> pending, List<Match> out, int horizon, long now) {
    List<java.util.Map.Entry<Integer, Match>> due = new ArrayList<>();
    for (var entry : pending.entrySet()) {
      if (entry.getValue().at() < now) {
        due.add(entry);
      }
    }
    due.sort(Comparator.comparingLong(en -> en.getValue().at()));
    for (var entry : due) {
      if (!pending.containsKey(entry.getKey())) {
        continue;
      }
      Match m = entry.getValue();
      int first = events.indexOf(m.events().get(0));
      pending.remove(entry.getKey());
      if (first <= horizon) {
        continue;
      }
      out.add(m);
      horizon = entry.getKey();
      final int h = horizon;
      pending.entrySet().removeIf(p -> events.indexOf(p.getValue().events().get(0)) <= h);
    }
    return horizon;
  }

  private boolean isFail(Input e) {
    for (EventPredicate f : fails) {
      if (f.test(e.attributes())) {
        return true;
      }
    }
    return false;
  }

  /** The match ending with event j that began earliest after the horizon, or null. */
  private List<Input> earliest(List<Input> events, int horizon, int j) {
    for (int i = horizon + 1; i <= j; i++) {
      List<Input> m = completingAt(events, i, j);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  private record Branch(Object config, List<Input> taken) {}

  /** A set of events from i to j, holding both, that completes the trigger at j; null if none. */
  private List<Input> completingAt(List<Input> events, int i, int j) {
    if (isFail(events.get(i)) || automaton.observes(events.get(i).attributes())) {
      return null;
    }
    for (int k = i + 1; k <= j; k++) {
      if (isFail(events.get(k))) {
        return null; // a cancelling event inside the partial match (j itself cannot be one)
      }
    }
    List<Branch> branches = new ArrayList<>();
    for (Object c :
        automaton.take(automaton.start(), events.get(i).timestamp(), events.get(i).attributes())) {
      branches.add(new Branch(c, List.of(events.get(i))));
    }
    if (i == j) {
      return firstComplete(branches);
    }
    for (int k = i + 1; k <= j && !branches.isEmpty(); k++) {
      Input e = events.get(k);
      boolean observed = automaton.observes(e.attributes());
      List<Branch> next = new ArrayList<>();
      for (Branch b : branches) {
        for (Object c : automaton.take(b.config(), e.timestamp(), e.attributes())) {
          List<Input> taken = new ArrayList<>(b.taken());
          if (!observed) {
            taken.add(e);
          }
          next.add(new Branch(c, taken));
        }
        if (k < j && !observed) {
          next.add(b); // the event is skipped: contiguity is relaxed; a fail's event never is
        }
      }
      branches = next;
    }
    return firstComplete(branches);
  }

  private List<Input> firstComplete(List<Branch> branches) {
    for (Branch b : branches) {
      if (automaton.complete(b.config())) {
        return b.taken();
      }
    }
    return null;
  }
}
