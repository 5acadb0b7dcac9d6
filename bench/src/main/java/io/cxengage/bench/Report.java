package io.cxengage.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of a bench run, printed as {@code name: value unit} lines as they are known: for a
 * measured run the median of its repetitions (wall-clock events/s, events per CPU-second of what
 * the bench times, matches, seconds, GC), then ratios of medians.
 */
public final class Report {

  /** One execution of one run. */
  public record Result(double rate, double cpuRate, long matches, double seconds, long gcMillis) {}

  private final PrintStream console;
  private final String cpu;
  private final List<String> lines = new ArrayList<>();
  private final Map<String, Double> rates = new HashMap<>();
  private final Map<String, Double> cpuRates = new HashMap<>();

  /**
   * A report to {@code console}; {@code cpu} names what the CPU figures count (e.g. {@code
   * per-task-cpu}: the CPU time of the operator's task thread).
   */
  public Report(PrintStream console, String cpu) {
    this.console = console;
    this.cpu = cpu;
  }

  public void comment(String format, Object... args) {
    console.printf(Locale.ROOT, "# " + format + "%n", args);
    console.flush();
  }

  /** The figures of a run from its repetitions. */
  public void figures(String name, List<Result> results, String counted) {
    double rate = median(results.stream().mapToDouble(Result::rate).toArray());
    double cpuRate = median(results.stream().mapToDouble(Result::cpuRate).toArray());
    rates.put(name, rate);
    cpuRates.put(name, cpuRate);
    print(name, format(rate), "events/s");
    if (results.size() > 1) {
      print(
          name + ".each",
          results.stream().map(r -> format(r.rate())).collect(Collectors.joining(",")),
          "events/s");
    }
    long[] matches = results.stream().mapToLong(Result::matches).distinct().toArray();
    // every repetition must find the same matches: print them all if not, so it shows
    print(
        name + ".matches",
        Arrays.stream(matches).mapToObj(Long::toString).collect(Collectors.joining(",")),
        counted);
    print(name + "." + cpu, format(cpuRate), "events/cpu-s");
    print(
        name + ".seconds",
        String.format(
            Locale.ROOT, "%.2f", median(results.stream().mapToDouble(Result::seconds).toArray())),
        "s");
    print(
        name + ".gc",
        format(median(results.stream().mapToDouble(Result::gcMillis).toArray())),
        "ms");
  }

  /** {@code numerator / denominator} of wall-clock and of CPU rates, when both were measured. */
  public void ratio(String name, String numerator, String denominator) {
    if (rates.containsKey(numerator) && rates.containsKey(denominator)) {
      print(name, ratio(rates.get(numerator) / rates.get(denominator)), "x");
      print(name + "." + cpu, ratio(cpuRates.get(numerator) / cpuRates.get(denominator)), "x");
    }
  }

  public void print(String name, String value, String unit) {
    String line = name + ": " + value + " " + unit;
    lines.add(line);
    console.println(line);
    console.flush();
  }

  public void appendTo(Path file) throws IOException {
    Files.write(
        file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
