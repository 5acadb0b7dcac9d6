package io.cxengage.job.reaction;

import io.cxengage.dsl.eval.EventPredicate;
import io.cxengage.dsl.plan.Reaction;
import io.cxengage.job.reaction.PlanRun.StepState;

/**
 * Executes reaction plans step by step (dsl.md section 3): {@code seq} one after another and
 * stopping at the first failure, {@code par} all at once and failing if any fails, {@code delay} by
 * timer, {@code if} by a predicate over the context, and the options {@code success}, {@code
 * failure} (which handles the failure) and {@code within} (a time limit). Sends are asynchronous:
 * their outcomes come back through {@link #onSendResult}. Pure logic: no Flink.
 */
public final class PlanExecutor {

  static final String DELAY = "#delay";
  static final String WITHIN = "#within";

  private final PlanIndex plan;
  private final PlanEffects effects;

  public PlanExecutor(Reaction plan, PlanEffects effects) {
    this.plan = new PlanIndex(plan);
    this.effects = effects;
  }

  /** Starts a run at its match time. */
  public void start(PlanRun run) {
    startStep(run, plan.root().path(), run.matchedAt);
  }

  /** A send of this run finished: delivered ({@code ok}) or failed for good. */
  public void onSendResult(PlanRun run, String path, boolean ok, String error, long now) {
    StepState st = run.steps.get(path);
    if (st != null && st.status.equals(StepState.RUNNING) && st.phase.equals(StepState.MAIN)) {
      finishMain(run, path, ok, error, now);
    }
  }

  /** A timer asked for by this run fired at event time {@code now}. */
  public void onTimer(PlanRun run, String timerId, long now) {
    int hash = timerId.lastIndexOf('#');
    String path = timerId.substring(0, hash);
    String kind = timerId.substring(hash);
    StepState st = run.steps.get(path);
    if (st == null || !st.status.equals(StepState.RUNNING)) {
      return;
    }
    if (kind.equals(DELAY)) {
      finishMain(run, path, true, null, now);
    } else if (kind.equals(WITHIN) && st.phase.equals(StepState.MAIN)) {
      // a timed-out step has failed for good: its failure option runs, as for any failure; what
      // its main work still answers later is ignored (the step is no longer in its main phase)
      Reaction node = plan.node(path);
      finishMain(run, path, false, "timed out after " + node.options().withinMillis() + " ms", now);
    }
  }

  private void startStep(PlanRun run, String path, long now) {
    Reaction node = plan.node(path);
    StepState st = new StepState();
    st.startedAt = now;
    run.steps.put(path, st);
    if (node.options().withinMillis() != null) {
      effects.schedule(run, path + WITHIN, now + node.options().withinMillis());
    }
    if (node instanceof Reaction.Send send) {
      startSend(run, send, now);
    } else if (node instanceof Reaction.Seq seq) {
      st.next = 0;
      startStep(run, seq.steps().get(0).path(), now);
    } else if (node instanceof Reaction.Par par) {
      st.remaining = par.branches().size();
      for (Reaction branch : par.branches()) {
        if (!run.steps.get(path).status.equals(StepState.RUNNING)) {
          break;
        }
        startStep(run, branch.path(), now);
      }
    } else if (node instanceof Reaction.Delay delay) {
      effects.schedule(run, path + DELAY, now + delay.millis());
    } else if (node instanceof Reaction.If iff) {
      boolean holds = EventPredicate.of(iff.predicate()).test(run.context);
      Reaction branch = holds ? iff.success() : iff.failure();
      if (branch == null) {
        finishMain(run, path, true, null, now);
      } else {
        startStep(run, branch.path(), now);
      }
    }
  }

  private void startSend(PlanRun run, Reaction.Send send, long now) {
    int retries =
        send.options().retries() != null ? send.options().retries() : inheritedRetries(send.path());
    String sendId =
        SendIds.of(run.tenant, run.patternId, run.whenVersion, run.eventIds, send.path());
    try {
      SendStep step =
          new SendStep(
              send.path(),
              sendId,
              send.integration(),
              send.action(),
              ReactionContext.render(send, run.context, run.templates),
              now,
              retries);
      effects.send(run, step);
    } catch (ReactionContext.MissingAttribute e) {
      SendStep step =
          new SendStep(
              send.path(),
              sendId,
              send.integration(),
              send.action(),
              ReactionContext.renderLeniently(send, run.context),
              now,
              retries);
      effects.failedBeforeSend(run, step, e.getMessage());
      finishMain(run, send.path(), false, e.getMessage(), now);
    }
  }

  /** A {@code retries} option on an enclosing seq or par applies to the sends inside it. */
  private int inheritedRetries(String path) {
    for (String p = plan.parent(path); p != null; p = plan.parent(p)) {
      Integer r = plan.node(p).options().retries();
      if (r != null) {
        return r;
      }
    }
    return Reaction.Options.DEFAULT_RETRIES;
  }

  /** The main work of a step ended: run its success or failure option, or complete it. */
  private void finishMain(PlanRun run, String path, boolean ok, String error, long now) {
    StepState st = run.steps.get(path);
    if (st == null || !st.status.equals(StepState.RUNNING)) {
      return;
    }
    Reaction node = plan.node(path);
    if (ok && node.options().success() != null) {
      st.phase = StepState.SUCCESS;
      startStep(run, node.options().success().path(), now);
    } else if (!ok && node.options().failure() != null) {
      st.phase = StepState.FAILURE;
      st.error = error;
      startStep(run, node.options().failure().path(), now);
    } else {
      complete(run, path, ok, error, now);
    }
  }

  /** A step is over: tell its parent. */
  private void complete(PlanRun run, String path, boolean ok, String error, long now) {
    StepState st = run.steps.get(path);
    st.status = ok ? StepState.OK : StepState.FAILED;
    if (!ok && st.error == null) {
      st.error = error;
    }
    String parentPath = plan.parent(path);
    if (parentPath == null) {
      run.done = true;
      run.failed = !ok;
      if (!ok) {
        effects.unhandledFailure(run, error);
      }
      return;
    }
    StepState parent = run.steps.get(parentPath);
    if (parent == null || !parent.status.equals(StepState.RUNNING)) {
      return; // the parent already ended (a time limit); this outcome no longer matters
    }
    Reaction owner = plan.node(parentPath);
    boolean optionBranch = plan.isOptionBranch(parentPath, path);
    if (!optionBranch && !parent.phase.equals(StepState.MAIN)) {
      return; // the parent's main work already ended (a time limit): a late child changes nothing
    }
    if (optionBranch) {
      // success: the branch's outcome is the step's; failure: the failure is handled if it went
      // well
      complete(run, parentPath, ok, ok ? null : error, now);
    } else if (owner instanceof Reaction.Seq seq) {
      if (!ok) {
        finishMain(run, parentPath, false, error, now);
      } else if (parent.next + 1 < seq.steps().size()) {
        parent.next++;
        startStep(run, seq.steps().get(parent.next).path(), now);
      } else {
        finishMain(run, parentPath, true, null, now);
      }
    } else if (owner instanceof Reaction.Par) {
      parent.remaining--;
      if (!ok) {
        parent.childFailed = true;
        parent.error = parent.error == null ? error : parent.error;
      }
      if (parent.remaining == 0) {
        finishMain(run, parentPath, !parent.childFailed, parent.error, now);
      }
    } else {
      finishMain(run, parentPath, ok, error, now); // an if's branch
    }
  }
}
