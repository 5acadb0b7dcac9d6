package io.cxengage.job.augment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One customer's subjects waiting for the answers of their row lookups, in arrival order. A subject
 * leaves once it has all its answers and every subject before it has left, so the customer's order
 * is kept. An answer can overtake its subject (they travel different paths): it waits here until
 * the subject arrives. Kept in keyed state as JSON, so its fields are plain.
 */
public final class GatherQueue {

  /** A subject and the augments whose answers it still lacks. */
  public static final class Waiting {
    public AugmentSubject subject;
    public Set<String> missing = new HashSet<>();
  }

  public List<Waiting> waiting = new ArrayList<>();
  public List<RowAnswer> early = new ArrayList<>();

  /**
   * A copy to change: the state serialiser hands out the stored instance, which a heap backend's
   * asynchronous snapshot may be writing.
   */
  public GatherQueue copy() {
    GatherQueue c = new GatherQueue();
    for (Waiting w : waiting) {
      Waiting x = new Waiting();
      x.subject = w.subject;
      x.missing = new HashSet<>(w.missing);
      c.waiting.add(x);
    }
    c.early.addAll(early);
    return c;
  }

  /** Queues a subject, taking the answers that came before it. */
  public void offer(AugmentSubject subject) {
    Waiting w = new Waiting();
    w.subject = subject;
    for (AugmentPlan.FileLookup l : subject.plan().lookups()) {
      w.missing.add(l.augmentId());
    }
    waiting.add(w);
    String id = subject.subjectId();
    List<RowAnswer> before = new ArrayList<>(early);
    early.clear();
    for (RowAnswer a : before) {
      if (!a.subjectId().equals(id) || !take(w, a)) {
        early.add(a);
      }
    }
  }

  /** Gives an answer to the first subject that waits for it, or keeps it for a later subject. */
  public void answer(RowAnswer answer) {
    for (Waiting w : waiting) {
      if (w.subject.subjectId().equals(answer.subjectId()) && take(w, answer)) {
        return;
      }
    }
    early.add(answer);
  }

  private static boolean take(Waiting w, RowAnswer answer) {
    if (!w.missing.remove(answer.augmentId())) {
      return false;
    }
    w.subject = w.subject.with(answer.augmentId(), answer.attributes());
    return true;
  }

  /** Removes and returns the subjects at the head that have all their answers, in order. */
  public List<AugmentSubject> drain() {
    List<AugmentSubject> out = new ArrayList<>();
    while (!waiting.isEmpty() && waiting.get(0).missing.isEmpty()) {
      out.add(waiting.remove(0).subject);
    }
    return out;
  }

  @JsonIgnore
  public boolean isEmpty() {
    return waiting.isEmpty() && early.isEmpty();
  }
}
