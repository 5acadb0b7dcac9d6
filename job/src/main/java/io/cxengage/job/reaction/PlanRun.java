package io.cxengage.job.reaction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one reaction under way: which match it is for, its context, and how far each step
 * has got. Plain data (JSON in keyed state), so a run survives checkpoints and restarts.
 */
public final class PlanRun {

  public String runId;
  public String tenant;
  public String patternId;
  public String whenVersion;
  public String key;
  public long matchedAt;
  public List<String> eventIds;
  public ObjectNode context;
  public String then;
  public Map<String, String> templates;
  public Map<String, StepState> steps = new HashMap<>();
  public boolean done;
  public boolean failed;

  /** One step's progress. */
  public static final class StepState {
    /** {@code running}, {@code ok} or {@code failed}. */
    public String status = RUNNING;

    /** {@code main}, or the option branch being run: {@code success} or {@code failure}. */
    public String phase = MAIN;

    /** seq: the index of the running child. */
    public int next;

    /** par: children still running. */
    public int remaining;

    /** par: whether a child failed. */
    public boolean childFailed;

    /** The failure that ended the main work, for the record. */
    public String error;

    /** send: attempts made so far. */
    public int attempts;

    /** The event time at which the step started (a send's time). */
    public long startedAt;

    public static final String RUNNING = "running";
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String MAIN = "main";
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
  }
}
