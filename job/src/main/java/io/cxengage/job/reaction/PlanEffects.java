package io.cxengage.job.reaction;

/**
 * What executing a plan does to the world, supplied by the operator (Flink outputs, timers,
 * dispatchers) or by a test. Outcomes of sends come back through {@link PlanExecutor#onSendResult}.
 */
public interface PlanEffects {

  /** Makes a send; its outcome is reported later, never from inside this call. */
  void send(PlanRun run, SendStep step);

  /** Records a send that failed before it could be made (a missing reference). */
  void failedBeforeSend(PlanRun run, SendStep step, String error);

  /** Asks for {@link PlanExecutor#onTimer} with {@code timerId} at event time {@code at}. */
  void schedule(PlanRun run, String timerId, long at);

  /** The run failed and no {@code failure} option handled it. */
  void unhandledFailure(PlanRun run, String error);
}
