package io.cxengage.bench.pipeline;

import io.cxengage.bench.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** Latencies collected from several threads; percentiles are exact (nearest rank). */
final class Latencies {

  private long[] micros = new long[1024];
  private long[] sentMicros = new long[1024];
  private int n;

  /** A latency without the instant it began (not traced). */
  void add(long latencyMicros) {
    add(0, latencyMicros);
  }

  /** A reaction whose event was sent at {@code sent} (epoch µs) and seen {@code latency} later. */
  synchronized void add(long sent, long latencyMicros) {
    if (n == micros.length) {
      micros = Arrays.copyOf(micros, n * 2);
      sentMicros = Arrays.copyOf(sentMicros, n * 2);
    }
    sentMicros[n] = sent;
    micros[n++] = latencyMicros;
  }

  /**
   * Writes one line per reaction, in the order seen: its event's sending (epoch ms), latency (ms).
   */
  synchronized void writeTrace(Path file) throws IOException {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
      out.println("sent_epoch_ms\tlatency_ms");
      for (int i = 0; i < n; i++) {
        out.printf(Locale.ROOT, "%d\t%.1f%n", sentMicros[i] / 1000, micros[i] / 1000.0);
      }
    }
  }

  synchronized int count() {
    return n;
  }

  /** The {@code p}-quantile in milliseconds, nearest rank. */
  synchronized double percentileMillis(double p) {
    if (n == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(micros, n);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * n) - 1;
    return sorted[Math.max(0, Math.min(n - 1, rank))] / 1000.0;
  }

  /** Prints {@code name.count}, {@code .p50}, {@code .p99} and {@code .max}. */
  void print(Report report, String name) {
    report.print(name + ".count", Integer.toString(count()), "reactions");
    report.print(name + ".p50", ms(percentileMillis(0.50)), "ms");
    report.print(name + ".p99", ms(percentileMillis(0.99)), "ms");
    report.print(name + ".max", ms(percentileMillis(1.0)), "ms");
  }

  private static String ms(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
