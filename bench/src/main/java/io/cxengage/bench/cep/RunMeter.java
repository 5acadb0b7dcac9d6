package io.cxengage.bench.cep;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one bench job measured: the instant its source emitted the first event, the instant the last
 * sink saw the end of its input, and the records the sinks counted. The job runs on a MiniCluster
 * in this JVM, so its functions report here directly; one job runs at a time.
 */
final class RunMeter {

  private static final AtomicLong START = new AtomicLong();
  private static final AtomicLong END = new AtomicLong();
  private static final LongAdder COUNT = new LongAdder();
  private static final LongAdder TASK_CPU = new LongAdder();

  private RunMeter() {}

  static void reset() {
    START.set(0);
    END.set(0);
    COUNT.reset();
    TASK_CPU.reset();
  }

  static void started() {
    START.compareAndSet(0, System.nanoTime());
  }

  static void counted() {
    COUNT.increment();
  }

  static void finished() {
    long now = System.nanoTime();
    END.accumulateAndGet(now, Math::max);
  }

  /** Nanoseconds from the first event to the end of the last sink's input. */
  static long elapsedNanos() {
    if (START.get() == 0 || END.get() == 0) {
      throw new IllegalStateException("the job did not start or did not finish its input");
    }
    return END.get() - START.get();
  }

  /** Adds the CPU time a sink's task thread spent from opening the sink to the end of input. */
  static void taskCpu(long nanos) {
    TASK_CPU.add(nanos);
  }

  /**
   * CPU nanoseconds of the tasks that hold the sinks: the operator under test and the sink chained
   * to it, network input included. Less sensitive than wall time to other work on a shared machine.
   */
  static long taskCpuNanos() {
    return TASK_CPU.sum();
  }

  static long count() {
    return COUNT.sum();
  }
}
