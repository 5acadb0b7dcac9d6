package io.cxengage.bench.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The operators' own counters ({@code numRecordsIn}, {@code matches}, ...) of the job running on
 * the local cluster in this JVM, read live: how the bench sees how far the real job got without
 * changing its graph. A Flink metric reporter registered under {@link #REPORTER} collects them.
 */
public final class OperatorCounters implements MetricReporter {

  static final String REPORTER = "cx-bench";

  private static final Map<String, List<Counter>> COUNTERS = new ConcurrentHashMap<>();

  /** Adds the reporter to a job's configuration. */
  static void register(Configuration conf) {
    conf.setString("metrics.reporter." + REPORTER + ".factory.class", Factory.class.getName());
  }

  /** Forgets the counters of the previous job. */
  static void reset() {
    COUNTERS.clear();
  }

  /**
   * The sum over subtasks of counter {@code metric} of the operators whose name starts with {@code
   * operator}.
   */
  static long sum(String operator, String metric) {
    long sum = 0;
    for (Map.Entry<String, List<Counter>> e : COUNTERS.entrySet()) {
      if (e.getKey().startsWith(operator) && e.getKey().endsWith("\0" + metric)) {
        for (Counter c : e.getValue()) {
          sum += c.getCount();
        }
      }
    }
    return sum;
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    String operator = group.getAllVariables().get("<operator_name>");
    // task-level groups carry the same counter names; only operators are of interest
    if (operator != null && metric instanceof Counter counter) {
      COUNTERS
          .computeIfAbsent(operator + "\0" + name, k -> new CopyOnWriteArrayList<>())
          .add(counter);
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    // kept: the figures are read after the job's tasks may have gone
  }

  /** Instantiated by Flink from the configuration. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new OperatorCounters();
    }
  }
}
