package io.cxengage.dsl.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.dsl.DslError;
import io.cxengage.dsl.read.SExpr.SList;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading rules of dsl.md section 1: tokens, positions, strings, comments, limits. */
class ReaderTest {

  /** Each error as {@code line:column message}. */
  private static List<String> errors(String source) {
    return Reader.read("when", source).errors().stream()
        .map(e -> e.line() + ":" + e.column() + " " + e.message())
        .toList();
  }

  private static SExpr only(String source) {
    ReadResult r = Reader.read("when", source);
    assertThat(r.errors()).isEmpty();
    assertThat(r.forms()).hasSize(1);
    return r.forms().get(0);
  }

  @Test
  void everyTokenKnowsItsLineAndColumn() {
    SList seq = (SList) only("(seq\n  (event (= type \"a\")))");
    assertThat(seq.position()).isEqualTo(new Position(1, 1));
    assertThat(seq.head().position()).isEqualTo(new Position(1, 2));
    SList event = (SList) seq.items().get(1);
    assertThat(event.position()).isEqualTo(new Position(2, 3));
    assertThat(event.head().position()).isEqualTo(new Position(2, 4));
    SList eq = (SList) event.items().get(1);
    assertThat(eq.head().position()).isEqualTo(new Position(2, 11));
    assertThat(eq.items().get(1).position()).isEqualTo(new Position(2, 13));
    assertThat(eq.items().get(2)).isEqualTo(new SExpr.SString("a", new Position(2, 18)));
  }

  @Test
  void commasAreWhitespace() {
    SList withCommas = (SList) only("(=,type,,\"a\",)");
    assertThat(withCommas.items())
        .extracting(SExpr::describe)
        .containsExactly("the symbol '='", "the symbol 'type'", "the string \"a\"");
    assertThat(withCommas.items().get(2).position()).isEqualTo(new Position(1, 10));
  }

  @Test
  void semicolonStartsACommentToTheEndOfTheLine() {
    String source = "; a comment with ( and \"\n(event ; ) not closing\n  (= type \"a\"))";
    SList event = (SList) only(source);
    assertThat(event.position()).isEqualTo(new Position(2, 1));
    assertThat(event.items().get(1).position()).isEqualTo(new Position(3, 3));
  }

  @Test
  void stringEscapesAreDecoded() {
    SExpr s = only("\"q\\\" b\\\\ n\\n t\\t u\\u00e9 s\\/\"");
    assertThat(((SExpr.SString) s).value()).isEqualTo("q\" b\\ n\n t\t u\u00e9 s/");
  }

  @Test
  void stringsMaySpanLinesAndPositionsFollowThem() {
    SList list = (SList) only("(= note \"first\nsecond\" next)");
    assertThat(((SExpr.SString) list.items().get(2)).value()).isEqualTo("first\nsecond");
    // next: line 2 is `second" next)`, n at column 9
    assertThat(list.items().get(3).position()).isEqualTo(new Position(2, 9));
  }

  @Test
  void unknownEscapeIsReportedAtItsBackslash() {
    assertThat(errors("(= a \"x\\qy\")"))
        .containsExactly("1:8 unknown escape '\\q'; use \\\" \\\\ \\n \\t or \\uXXXX");
  }

  @Test
  void shortUnicodeEscapeIsReportedAtItsBackslash() {
    assertThat(errors("\"ab\\u12g4\""))
        .containsExactly("1:4 '\\u' must be followed by four hex digits");
  }

  @Test
  void unclosedStringIsReportedAtItsQuote() {
    assertThat(errors("(= a \"abc)\n"))
        .containsExactly(
            "1:6 the string is never closed; add '\"'", "1:1 '(' is never closed; add ')'");
  }

  @Test
  void unclosedParenIsReportedAtThatParen() {
    assertThat(errors("(seq (event (= a 1))\n     (event (= b 2))"))
        .containsExactly("1:1 '(' is never closed; add ')'");
    assertThat(errors("(seq (event (= a 1)) (event (= b 2)"))
        .containsExactly("1:22 '(' is never closed; add ')'", "1:1 '(' is never closed; add ')'");
  }

  @Test
  void closerWithNothingOpenIsReportedWhereItStands() {
    assertThat(errors("(event (= a 1)))"))
        .containsExactly("1:16 unexpected ')' with nothing open to close");
  }

  @Test
  void wrongCloserNamesTheOpenerItCloses() {
    assertThat(errors("(event (= a 1]\n)"))
        .containsExactly("1:14 ']' closes the '(' at line 1, column 8; expected ')'");
  }

  @Test
  void numbersIntegersDecimalsAndSigns() {
    SList list = (SList) only("(4 -2 0.5 +3 1e3)");
    assertThat(list.items())
        .map(e -> ((SExpr.SNumber) e).value())
        .containsExactly(
            new BigDecimal("4"),
            new BigDecimal("-2"),
            new BigDecimal("0.5"),
            new BigDecimal("3"),
            new BigDecimal("1e3"));
    assertThat(((SExpr.SNumber) list.items().get(3)).text()).isEqualTo("+3");
  }

  @Test
  void malformedNumbersAreReportedAtTheirToken() {
    assertThat(errors("(count 4x 1.)"))
        .containsExactly(
            "1:8 '4x' is not a number; write integers as 4 or -2 and decimals as 0.5",
            "1:11 '1.' is not a number; write integers as 4 or -2 and decimals as 0.5");
    assertThat(errors("(count 1e99999999999)"))
        .containsExactly("1:8 '1e99999999999' is out of range");
  }

  @Test
  void atomsOfEveryKind() {
    SList list = (SList) only("(true false nil :message customerSegment *email* *a.b* +TM1)");
    assertThat(list.items())
        .extracting(SExpr::describe)
        .containsExactly(
            "true",
            "false",
            "nil",
            "the keyword :message",
            "the symbol 'customerSegment'",
            "the reference *email*",
            "the reference *a.b*",
            "the template reference +TM1");
  }

  @Test
  void malformedReferencesAreReportedAtTheirToken() {
    assertThat(errors("{:to *email :cc *a..b* :x ** :y *.a*}"))
        .containsExactly(
            "1:6 '*email' is not a reference; write it as *attribute* or *a.b*",
            "1:17 '*a..b*' is not a reference; write it as *attribute* or *a.b*",
            "1:27 '**' is not a reference; write it as *attribute* or *a.b*",
            "1:33 '*.a*' is not a reference; write it as *attribute* or *a.b*");
  }

  @Test
  void malformedKeywordsAndTemplateReferences() {
    assertThat(errors("(: +  +TM/1)"))
        .containsExactly(
            "1:2 ':' is not a keyword; write it as :name",
            "1:4 '+' is not a template reference; write it as +TM1",
            "1:7 '+TM/1' is not a template reference; write it as +TM1");
  }

  @Test
  void mapKeyWithoutValueIsReportedAtTheKey() {
    assertThat(errors("{:to \"a\" :subject}"))
        .containsExactly("1:10 the map has a key without a value: the keyword :subject");
  }

  @Test
  void severalErrorsInOneRun() {
    assertThat(errors("(= a \"x\\qy\")\n)\n(*bad 1x"))
        .containsExactly(
            "1:8 unknown escape '\\q'; use \\\" \\\\ \\n \\t or \\uXXXX",
            "2:1 unexpected ')' with nothing open to close",
            "3:2 '*bad' is not a reference; write it as *attribute* or *a.b*",
            "3:7 '1x' is not a number; write integers as 4 or -2 and decimals as 0.5",
            "3:1 '(' is never closed; add ')'");
  }

  @Test
  void sourceOfExactly64KiBIsRead() {
    String form = "(event (= type \"a\"))";
    String source = form + " ".repeat(Reader.MAX_SOURCE_BYTES - form.length());
    assertThat(Reader.read("when", source).errors()).isEmpty();
  }

  @Test
  void sourceOver64KiBIsRefusedAtItsStart() {
    String form = "(event (= type \"a\"))";
    String source = form + " ".repeat(Reader.MAX_SOURCE_BYTES - form.length() + 1);
    assertThat(errors(source))
        .containsExactly(
            "1:1 the source is longer than 64 KiB; split the pattern into smaller ones");
  }

  @Test
  void sizeLimitCountsUtf8Bytes() {
    // 32,770 characters, but 65,538 bytes in UTF-8
    String source = "\"" + "\u00e9".repeat(32_768) + "\"";
    assertThat(source.length()).isLessThan(Reader.MAX_SOURCE_BYTES);
    assertThat(errors(source))
        .containsExactly(
            "1:1 the source is longer than 64 KiB; split the pattern into smaller ones");
  }

  @Test
  void nestingOf64LevelsIsRead() {
    assertThat(Reader.read("when", "(".repeat(64) + ")".repeat(64)).errors()).isEmpty();
  }

  @Test
  void the65thLevelIsRefusedAtItsOpeningBracket() {
    assertThat(errors("(".repeat(64) + "[{}]" + ")".repeat(64)))
        .containsExactly("1:65 nesting is deeper than 64 levels; simplify the pattern");
  }

  @Test
  void tenThousandNestedParensAreRefusedWithoutExhaustingTheStack() {
    String balanced = "(".repeat(10_000) + ")".repeat(10_000);
    assertThat(errors(balanced))
        .containsExactly("1:65 nesting is deeper than 64 levels; simplify the pattern");

    List<DslError> unclosed = Reader.read("when", "(".repeat(10_000)).errors();
    assertThat(unclosed.get(0).toString())
        .isEqualTo(
            "when: line 1, column 65: nesting is deeper than 64 levels; simplify the pattern");
    // the 64 levels that were opened are each reported unclosed, innermost first
    assertThat(unclosed).hasSize(65);
    assertThat(unclosed.get(1).column()).isEqualTo(64);
    assertThat(unclosed.get(64).column()).isEqualTo(1);
  }

  @Test
  void hundredThousandNestedParensAreRefusedBySize() {
    assertThat(errors("(".repeat(100_000)))
        .containsExactly(
            "1:1 the source is longer than 64 KiB; split the pattern into smaller ones");
  }

  @Test
  void tooDeepPartIsSkippedAndReadingGoesOnAfterIt() {
    String deep = "(".repeat(65) + "\")\"" + ")".repeat(65);
    assertThat(errors(deep + "\n(x 1y)"))
        .containsExactly(
            "1:65 nesting is deeper than 64 levels; simplify the pattern",
            "2:4 '1y' is not a number; write integers as 4 or -2 and decimals as 0.5");
  }
}
