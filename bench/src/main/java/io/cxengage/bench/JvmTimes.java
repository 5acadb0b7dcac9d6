package io.cxengage.bench;

import java.lang.management.ManagementFactory;

/** Time this JVM spent so far, where the benches run their MiniClusters and brokers. */
public final class JvmTimes {

  private JvmTimes() {}

  /** Collection time of every garbage collector so far, in milliseconds. */
  public static long gcMillis() {
    long total = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** CPU time of the whole process so far (every thread, the broker's too), in nanoseconds. */
  public static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
