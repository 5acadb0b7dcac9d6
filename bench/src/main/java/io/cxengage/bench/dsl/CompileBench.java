package io.cxengage.bench.dsl;

import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.compile.CompiledWhen;
import io.cxengage.dsl.compile.PatternCompiler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What saving or loading one pattern costs the job: reading and checking its {@code when}, and
 * compiling it into a Flink CEP pattern and NFA factory. Four shapes: the seed's loyalty pattern
 * (an atomic all), a window over a sequence (a chain), an any of sequences (the generic mapping)
 * and a sequence of 100 events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompileBench {

  @Param({"loyalty", "seq-within", "any-of-seqs", "seq-100"})
  public String pattern;

  private String when;
  private Trigger checked;

  @Setup
  public void setUp() {
    when = source(pattern);
    checked = PatternLanguage.checkWhen(when).orThrow();
    CompiledWhen c = PatternCompiler.compile(checked);
    boolean generic = pattern.equals("any-of-seqs");
    if (c.generic() != generic) {
      throw new IllegalStateException(
          pattern + " should " + (generic ? "" : "not ") + "be generic");
    }
  }

  /** The {@code when} source of each measured pattern. */
  static String source(String name) {
    switch (name) {
      case "loyalty":
        return "(within 1 minutes (allOf (count 4 (event (and (= customerSegment \"Gold\")"
            + " (= eventType \"flcheck\")))) (event (and (= customerSegment \"Gold\")"
            + " (= eventType \"cnclTicket\")))))";
      case "seq-within":
        return "(within 60 seconds (seq (event (= type \"A\")) (event (= type \"B\"))))";
      case "any-of-seqs":
        return "(any (seq (event (= type \"A\")) (event (= type \"B\")))"
            + " (seq (event (= type \"C\")) (event (= type \"D\"))))";
      case "seq-100":
        StringBuilder sb = new StringBuilder("(seq");
        for (int i = 0; i < 100; i++) {
          sb.append(" (event (= type \"T").append(i).append("\"))");
        }
        return sb.append(')').toString();
      default:
        throw new IllegalArgumentException(name);
    }
  }

  /** Reader and checker only: what the admin API does when a pattern is saved. */
  @Benchmark
  public Trigger checkWhen() {
    return PatternLanguage.checkWhen(when).orThrow();
  }

  /** Check and compile: what the job does when a new pattern version arrives. */
  @Benchmark
  public CompiledWhen checkAndCompile() {
    return PatternCompiler.compile(PatternLanguage.checkWhen(when).orThrow());
  }
}
