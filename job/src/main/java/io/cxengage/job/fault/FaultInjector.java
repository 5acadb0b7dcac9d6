package io.cxengage.job.fault;

import io.cxengage.job.model.RoutedEvent;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * A test-only fault (option {@code test-fault}): fails the task that carries it, so that tests can
 * prove recovery from checkpoints. Specs:
 *
 * <ul>
 *   <li>{@code on-type:T} — fail once when an event with {@code type == T} passes;
 *   <li>{@code random:P:N:SEED} — fail with probability P per event, at most N times.
 * </ul>
 *
 * The failures already made are counted per JVM, so that the event replayed after recovery does not
 * fail again (a MiniCluster restarts tasks in the same JVM).
 */
public final class FaultInjector extends RichMapFunction<RoutedEvent, RoutedEvent> {

  private static final long serialVersionUID = 1L;
  private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

  private final String spec;
  private transient String type;
  private transient double probability;
  private transient int max;
  private transient SplittableRandom random;

  public FaultInjector(String spec) {
    this.spec = spec;
    parse();
  }

  private void parse() {
    String[] parts = spec.split(":");
    if (parts[0].equals("on-type") && parts.length == 2) {
      type = parts[1];
      max = 1;
    } else if (parts[0].equals("random") && parts.length == 4) {
      probability = Double.parseDouble(parts[1]);
      max = Integer.parseInt(parts[2]);
      random = new SplittableRandom(Long.parseLong(parts[3]));
    } else {
      throw new IllegalArgumentException(
          "option test-fault takes on-type:T or random:P:N:SEED, not '" + spec + "'");
    }
  }

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext context) {
    parse();
    if (random != null) {
      random =
          new SplittableRandom(
              random.nextLong() ^ getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
    }
  }

  /** How many faults this JVM has injected for a spec (for tests). */
  public static int failures(String spec) {
    AtomicInteger n = FAILURES.get(spec);
    return n == null ? 0 : n.get();
  }

  @Override
  public RoutedEvent map(RoutedEvent e) {
    boolean hit =
        type != null
            ? type.equals(e.event().attributes().path("type").asText())
            : random.nextDouble() < probability;
    if (hit) {
      AtomicInteger count = FAILURES.computeIfAbsent(spec, s -> new AtomicInteger());
      if (count.get() < max) {
        count.incrementAndGet();
        throw new IllegalStateException("injected fault (" + spec + ")");
      }
    }
    return e;
  }
}
