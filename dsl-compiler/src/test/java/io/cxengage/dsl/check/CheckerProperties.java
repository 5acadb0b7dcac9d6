package io.cxengage.dsl.check;

import static io.cxengage.dsl.PatternSources.TEMPLATES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cxengage.dsl.DslError;
import io.cxengage.dsl.DslException;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.PatternSources;
import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.compile.PatternCompiler;
import io.cxengage.dsl.plan.Reaction;
import io.cxengage.dsl.read.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.function.Executable;

/**
 * Whatever text reaches the reader and the checkers, only the module's own errors come out, soon,
 * each pointing into the source; every valid pattern checks clean, and what the checker accepts the
 * compiler takes. Sources: random text, token soups, valid patterns of every form and those
 * patterns mutated or cut short.
 */
class CheckerProperties {

  /** Far above the milliseconds a check takes; a try past it is a hang. */
  private static final Duration TRY_LIMIT = Duration.ofSeconds(5);

  private static final String SIZE_ERROR =
      "1:1 the source is longer than 64 KiB; split the pattern into smaller ones";
  private static final String DEPTH_ERROR =
      "nesting is deeper than 64 levels; simplify the pattern";

  // ---------------------------------------------------------------- any text

  @Provide
  Arbitrary<String> anySource() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, PatternSources.randomText()),
        Tuple.of(3, PatternSources.tokenSoup()),
        Tuple.of(4, PatternSources.mutated(PatternSources.when(10_000))),
        Tuple.of(4, PatternSources.mutated(PatternSources.then())),
        Tuple.of(1, PatternSources.truncated(PatternSources.when(10_000))),
        Tuple.of(1, PatternSources.truncated(PatternSources.then())));
  }

  @Property(tries = 1000)
  void onlyDslErrorsComeOutAndEachPointsIntoTheSource(@ForAll("anySource") String source) {
    bounded(
        () -> {
          CheckResult<Trigger> when = PatternLanguage.checkWhen(source);
          CheckResult<Reaction> then = PatternLanguage.checkThen(source, TEMPLATES);
          assertPointIntoSource(source, "when", when.errors());
          assertPointIntoSource(source, "then", then.errors());
          assertOrThrowAgrees(when);
          assertOrThrowAgrees(then);
          List<DslError> both = new ArrayList<>(when.errors());
          both.addAll(then.errors());
          assertThat(PatternLanguage.validate(source, source, TEMPLATES)).isEqualTo(both);
          assertThat(PatternLanguage.templateReferences(source)).isNotNull();
        });
  }

  // ---------------------------------------------------------------- valid patterns

  @Provide
  Arbitrary<String> validWhen() {
    return PatternSources.when(10_000);
  }

  @Provide
  Arbitrary<String> validThen() {
    return PatternSources.then();
  }

  @Property(tries = 600)
  void everyValidWhenChecksClean(@ForAll("validWhen") String when) {
    assertThat(PatternLanguage.checkWhen(when).errors()).as(when).isEmpty();
  }

  @Property(tries = 600)
  void everyValidThenChecksClean(@ForAll("validThen") String then) {
    assertThat(PatternLanguage.checkThen(then, TEMPLATES).errors()).as(then).isEmpty();
  }

  @Provide
  Arbitrary<String> compilableWhen() {
    // counts up to 20: compiling is linear in them, and 10,000 takes most of a second
    return Arbitraries.oneOf(
        PatternSources.when(20), PatternSources.mutated(PatternSources.when(20)));
  }

  @Property(tries = 250)
  void whatTheCheckerAcceptsTheCompilerTakes(@ForAll("compilableWhen") String when) {
    CheckResult<Trigger> checked = PatternLanguage.checkWhen(when);
    Assume.that(checked.ok() && largestCount(checked.value()) <= 20);
    bounded(() -> assertThat(PatternCompiler.compile(checked.value()).nfaFactory()).isNotNull());
  }

  // ---------------------------------------------------------------- the exact token

  /**
   * A valid {@code when} with one operator (the symbol after a {@code (}) renamed to an unknown
   * one, and the line and column of that symbol.
   */
  @Provide
  Arbitrary<Tuple3<String, Integer, Integer>> whenWithAnUnknownOperator() {
    Pattern token = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|;[^\\n]*|\\(([^\\s,;()\\[\\]{}\"]+)");
    return PatternSources.when(100)
        .flatMap(
            source -> {
              List<Integer> operators = new ArrayList<>();
              Matcher m = token.matcher(source);
              while (m.find()) {
                if (m.group(1) != null) {
                  operators.add(m.start(1));
                }
              }
              return Arbitraries.of(operators)
                  .map(
                      at -> {
                        int line = 1;
                        int column = 1;
                        for (int i = 0; i < at; i++) {
                          if (source.charAt(i) == '\n') {
                            line++;
                            column = 1;
                          } else {
                            column++;
                          }
                        }
                        String renamed = source.substring(0, at) + "zz" + source.substring(at);
                        return Tuple.of(renamed, line, column);
                      });
            });
  }

  @Property(tries = 400)
  void unknownOperatorIsReportedAtItsSymbolAndNowhereElse(
      @ForAll("whenWithAnUnknownOperator") Tuple3<String, Integer, Integer> c) {
    List<DslError> errors = PatternLanguage.checkWhen(c.get1()).errors();
    assertThat(errors).as(c.get1()).hasSize(1);
    DslError e = errors.get(0);
    assertThat(e.line() + ":" + e.column()).as(c.get1()).isEqualTo(c.get2() + ":" + c.get3());
    assertThat(e.message()).matches("unknown (operator|predicate) 'zz.*");
  }

  // ---------------------------------------------------------------- limits

  /** Opening forms of one nesting level each; the bracket is the first character. */
  @Provide
  Arbitrary<List<String>> levels() {
    return Arbitraries.of("(", "[", "{:k ", "(not ", "(seq\n ", "(x, y ", "[1 \"(\" ", "(a ; ]\n")
        .list()
        .ofMinSize(65)
        .ofMaxSize(20_000);
  }

  @Property(tries = 150)
  void deepNestingIsRefusedAtThe65thBracketOrBySize(
      @ForAll("levels") List<String> levels, @ForAll @IntRange(min = 0, max = 2) int closing) {
    StringBuilder sb = new StringBuilder();
    int line = 1;
    int column = 1;
    for (int i = 0; i < levels.size(); i++) {
      if (i == 64) {
        line = lineOf(sb);
        column = sb.length() - sb.lastIndexOf("\n");
      }
      sb.append(levels.get(i));
    }
    sb.append("(event (= a 1))");
    if (closing > 0) {
      sb.append(")".repeat(closing == 1 ? levels.size() : levels.size() / 2));
    }
    String source = sb.toString();
    String expected = line + ":" + column + " " + DEPTH_ERROR;
    bounded(
        () -> {
          for (List<String> errors :
              List.of(
                  render(PatternLanguage.checkWhen(source).errors()),
                  render(PatternLanguage.checkThen(source, TEMPLATES).errors()))) {
            if (source.getBytes(StandardCharsets.UTF_8).length > Reader.MAX_SOURCE_BYTES) {
              assertThat(errors).containsExactly(SIZE_ERROR);
            } else {
              assertThat(errors.get(0)).isEqualTo(expected);
              assertThat(errors.stream().filter(x -> x.endsWith(DEPTH_ERROR))).hasSize(1);
            }
          }
        });
  }

  @Property(tries = 50)
  void sourcesOver64KiBAreRefusedWhateverTheyHold(
      @ForAll("validWhen") String when,
      @ForAll @IntRange(min = 1, max = 70_000) int extra,
      @ForAll boolean multibyte) {
    String pad = multibyte ? "\u00e9" : "x";
    int bytes = when.getBytes(StandardCharsets.UTF_8).length + 2;
    int room = (Reader.MAX_SOURCE_BYTES - bytes) / pad.getBytes(StandardCharsets.UTF_8).length;
    Assume.that(room > 0);
    String fits = when + "\n;" + pad.repeat(room);
    assertThat(PatternLanguage.checkWhen(fits).errors()).isEmpty();
    String over =
        fits
            + "y"
                .repeat(
                    Reader.MAX_SOURCE_BYTES - fits.getBytes(StandardCharsets.UTF_8).length + extra);
    assertThat(render(PatternLanguage.checkWhen(over).errors())).containsExactly(SIZE_ERROR);
    assertThat(render(PatternLanguage.checkThen(over, TEMPLATES).errors()))
        .containsExactly(SIZE_ERROR);
  }

  // ---------------------------------------------------------------- helpers

  private static void bounded(Executable body) {
    assertTimeoutPreemptively(TRY_LIMIT, body);
  }

  /**
   * Every error names the field and a character of the source that is not blank: the offending
   * token (or, for an empty or oversized source, its first character).
   */
  private static void assertPointIntoSource(String source, String field, List<DslError> errors) {
    String[] lines = source.split("\n", -1);
    for (DslError e : errors) {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.line()).as("%s in %s", e, source).isBetween(1, lines.length);
      assertThat(e.column()).as("%s in %s", e, source).isGreaterThanOrEqualTo(1);
      if (source.isEmpty()) {
        assertThat(e.column()).isEqualTo(1);
        continue;
      }
      int index = e.column() - 1;
      for (int l = 0; l < e.line() - 1; l++) {
        index += lines[l].length() + 1;
      }
      assertThat(index).as("%s in %s", e, source).isLessThan(source.length());
      char c = source.charAt(index);
      boolean wholeSource = e.message().contains(" is empty;") || e.message().contains("64 KiB");
      if (!wholeSource) {
        assertThat(Character.isWhitespace(c) || c == ',').as("%s points at a blank", e).isFalse();
      }
    }
  }

  private static void assertOrThrowAgrees(CheckResult<?> result) {
    if (result.ok()) {
      assertThat(result.orThrow()).isNotNull();
    } else {
      assertThatThrownBy(result::orThrow)
          .isInstanceOfSatisfying(
              DslException.class, e -> assertThat(e.errors()).isEqualTo(result.errors()));
    }
  }

  private static List<String> render(List<DslError> errors) {
    return errors.stream().map(e -> e.line() + ":" + e.column() + " " + e.message()).toList();
  }

  private static int lineOf(CharSequence s) {
    int line = 1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int largestCount(Trigger t) {
    if (t instanceof Trigger.Count c) {
      return Math.max(c.times(), largestCount(c.child()));
    }
    List<Trigger> children =
        t instanceof Trigger.Seq s
            ? s.steps()
            : t instanceof Trigger.All a
                ? a.parts()
                : t instanceof Trigger.Any a
                    ? a.options()
                    : t instanceof Trigger.Within w ? List.of(w.child()) : List.of();
    int max = 0;
    for (Trigger child : children) {
      max = Math.max(max, largestCount(child));
    }
    return max;
  }
}
