package io.cxengage.dsl.plan;

import io.cxengage.dsl.ast.Predicate;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A checked {@code then}: the plan that the job executes for each match (dsl.md section 3). Every
 * node knows its {@code path}, the dotted position of the step in the plan ({@code "0"}, {@code
 * "0.1"}, {@code "0.1.f0"}), which makes send ids deterministic.
 */
public sealed interface Reaction extends Serializable {

  String path();

  Options options();

  /** One after another; stops at the first failure. */
  record Seq(List<Reaction> steps, Options options, String path) implements Reaction {}

  /** All at once; fails if any fails. */
  record Par(List<Reaction> branches, Options options, String path) implements Reaction {}

  /** A send to an integration. {@code params} exclude those given by {@code options.templates}. */
  record Send(
      String integration, String action, Map<String, Value> params, Options options, String path)
      implements Reaction {}

  /** Waits {@code millis} of event time inside its seq (or its own par branch). */
  record Delay(long millis, String path) implements Reaction {
    public Options options() {
      return Options.NONE;
    }
  }

  /**
   * Chooses {@code success} or {@code failure} (either may be null) by a predicate on the context.
   */
  record If(Predicate predicate, Reaction success, Reaction failure, String path)
      implements Reaction {
    public Options options() {
      return Options.NONE;
    }
  }

  /**
   * The options of a step. {@code templates} maps a param name to a template id; {@code retries}
   * and {@code withinMillis} are null when not given; {@code success} and {@code failure} run after
   * the step succeeded or failed for good.
   */
  record Options(
      Map<String, String> templates,
      Integer retries,
      Long withinMillis,
      Reaction success,
      Reaction failure)
      implements Serializable {

    public static final Options NONE = new Options(Map.of(), null, null, null, null);

    public static final int DEFAULT_RETRIES = 3;
    public static final int MAX_RETRIES = 10;
  }
}
