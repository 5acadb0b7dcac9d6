package io.cxengage.bench.cep;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Discards what it receives, counting it, and notes when its input ends and how much CPU its task
 * thread (which also runs the operator chained before it) used since it opened ({@link RunMeter}).
 */
final class CountingSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuAtOpen = threads.getCurrentThreadCpuTime();
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        RunMeter.counted();
      }

      @Override
      public void flush(boolean endOfInput) {
        if (endOfInput) {
          RunMeter.taskCpu(threads.getCurrentThreadCpuTime() - cpuAtOpen);
          RunMeter.finished();
        }
      }

      @Override
      public void close() {}
    };
  }
}
