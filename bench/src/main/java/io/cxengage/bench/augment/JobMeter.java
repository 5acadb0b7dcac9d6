package io.cxengage.bench.augment;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one run of the job measured. The job runs on a local cluster in this JVM, so its functions
 * report here directly; one job runs at a time. The clock starts when the events are let in, which
 * is once every row has been handed to the job ({@link #awaitRows}), and stops when the last sink
 * sees the end of its input. CPU is the whole process's over the same span: less sensitive than
 * wall time to other work on a shared machine, and it counts every operator of the job.
 */
final class JobMeter {

  private static final AtomicLong ROWS_HANDED = new AtomicLong();
  private static final AtomicLong FIRST_ROW = new AtomicLong();
  private static final AtomicLong LAST_ROW = new AtomicLong();
  private static final AtomicLong OPENED = new AtomicLong();
  private static final AtomicLong CPU_AT_OPEN = new AtomicLong();
  private static final AtomicLong ENDED = new AtomicLong();
  private static final AtomicLong CPU_AT_END = new AtomicLong();
  private static final LongAdder REACTIONS = new LongAdder();
  private static final LongAdder WITH_TIER = new LongAdder();
  private static final LongAdder DEAD_LETTERS = new LongAdder();

  private JobMeter() {}

  static void reset() {
    for (AtomicLong a :
        new AtomicLong[] {
          ROWS_HANDED, FIRST_ROW, LAST_ROW, OPENED, CPU_AT_OPEN, ENDED, CPU_AT_END
        }) {
      a.set(0);
    }
    for (LongAdder a : new LongAdder[] {REACTIONS, WITH_TIER, DEAD_LETTERS}) {
      a.reset();
    }
  }

  /** A row was handed to the job; the last of {@code rows} notes the time. */
  static void rowHanded(long rows) {
    FIRST_ROW.compareAndSet(0, System.nanoTime());
    if (ROWS_HANDED.incrementAndGet() == rows) {
      LAST_ROW.set(System.nanoTime());
    }
  }

  /** Blocks until {@code rows} rows have been handed to the job, then starts the clock once. */
  static void awaitRows(long rows) throws InterruptedException {
    while (ROWS_HANDED.get() < rows) {
      Thread.sleep(5);
    }
    if (OPENED.compareAndSet(0, System.nanoTime())) {
      CPU_AT_OPEN.set(processCpuNanos());
    }
  }

  static void reaction(boolean withTier) {
    REACTIONS.increment();
    if (withTier) {
      WITH_TIER.increment();
    }
  }

  static void deadLetter() {
    DEAD_LETTERS.increment();
  }

  /** A sink saw the end of its input: the last one stops the clock. */
  static synchronized void finished() {
    ENDED.set(System.nanoTime());
    CPU_AT_END.set(processCpuNanos());
  }

  static double seconds() {
    if (OPENED.get() == 0 || ENDED.get() == 0) {
      throw new IllegalStateException("the job did not start or did not finish its input");
    }
    return (ENDED.get() - OPENED.get()) / 1e9;
  }

  static double cpuSeconds() {
    return (CPU_AT_END.get() - CPU_AT_OPEN.get()) / 1e9;
  }

  /** From the first row handed to the job to the last; 0 without rows. */
  static double rowSeconds() {
    return LAST_ROW.get() == 0 ? 0 : (LAST_ROW.get() - FIRST_ROW.get()) / 1e9;
  }

  static long reactions() {
    return REACTIONS.sum();
  }

  static long reactionsWithTier() {
    return WITH_TIER.sum();
  }

  static long deadLetters() {
    return DEAD_LETTERS.sum();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
