package io.cxengage.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of pattern sources for property tests: valid {@code when} and {@code then} forms of
 * every kind (aliases, comments, commas, escapes, strings over lines), and the broken sources made
 * from them (mutated, truncated), token soups and random characters.
 */
public final class PatternSources {

  /** The templates that exist in the tenant of generated {@code then}s. */
  public static final Set<String> TEMPLATES = Set.of("TM1", "TM2", "TM3");

  private PatternSources() {}

  // ---------------------------------------------------------------- layout

  /** What may stand between two tokens: spaces, newlines, commas, comments. */
  static Arbitrary<String> gap() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just(" ")),
        Tuple.of(2, Arbitraries.just("\n  ")),
        Tuple.of(2, Arbitraries.just(", ")),
        Tuple.of(1, Arbitraries.just("\t")),
        Tuple.of(1, Arbitraries.just(" ; a note (with \"brackets\n  ")));
  }

  /** {@code (part part ...)} with generated gaps. */
  static Arbitrary<String> list(List<Arbitrary<String>> parts) {
    return join(parts).map(s -> "(" + s + ")");
  }

  @SafeVarargs
  static Arbitrary<String> list(Arbitrary<String>... parts) {
    return list(List.of(parts));
  }

  static Arbitrary<String> join(List<Arbitrary<String>> parts) {
    Arbitrary<List<String>> gaps = gap().list().ofSize(Math.max(0, parts.size() - 1));
    return Combinators.combine(Combinators.combine(parts).as(List::copyOf), gaps)
        .as(
            (ps, gs) -> {
              StringBuilder sb = new StringBuilder(ps.get(0));
              for (int i = 1; i < ps.size(); i++) {
                sb.append(gs.get(i - 1)).append(ps.get(i));
              }
              return sb.toString();
            });
  }

  /** One to {@code max} of {@code element}, joined with gaps. */
  static Arbitrary<String> several(Arbitrary<String> element, int max) {
    return Arbitraries.integers()
        .between(1, max)
        .flatMap(n -> join(java.util.Collections.nCopies(n, element)));
  }

  static Arbitrary<String> word(String... words) {
    return Arbitraries.of(words);
  }

  // ---------------------------------------------------------------- values

  /** A string literal as written in a source, with escapes and sometimes a real newline. */
  static Arbitrary<String> string() {
    Arbitrary<String> piece =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.strings().alpha().numeric().ofMaxLength(8)),
            Tuple.of(2, word("Gold", "cart", "2024-01-31", "5", "-2", "0.5", "1e3", "true", "")),
            Tuple.of(
                1, word("\\\"", "\\\\", "\\n", "\\t", "\\u00e9", "\\/", "\n", " ", "(", ")", ";")));
    return piece.list().ofMaxSize(4).map(ps -> "\"" + String.join("", ps) + "\"");
  }

  static Arbitrary<String> number() {
    return word("4", "-2", "0.5", "1e3", "1E+3", "+3", "007", "12345678901234567890", "0", "2.50");
  }

  static Arbitrary<String> attribute() {
    return word(
        "type",
        "customerSegment",
        "eventType",
        "a.b.c",
        "user.address.city",
        "\"type\"",
        "\"a.b\"",
        "tags",
        "amount",
        "CallAction");
  }

  static Arbitrary<String> unit() {
    return word("second", "seconds", "minute", "minutes", "hour", "hours", "day", "days");
  }

  /** {@code N unit} of at most 366 days (and at least a millisecond). */
  static Arbitrary<String> duration() {
    Arbitrary<String> small =
        Combinators.combine(word("1", "2", "5", "30", "0.5", "1.5"), unit())
            .as((n, u) -> n + " " + u);
    Arbitrary<String> limit =
        word("366 days", "8784 hours", "527040 minutes", "31622400 seconds", "0.001 seconds");
    return Arbitraries.frequencyOf(Tuple.of(9, small), Tuple.of(1, limit));
  }

  // ---------------------------------------------------------------- when

  /** Predicates over event attributes, nested up to {@code depth} connectives. */
  public static Arbitrary<String> predicate(int depth) {
    Arbitrary<String> comparison =
        Combinators.combine(word("=", "!=", ">", ">=", "<", "<="), attribute(), comparable())
            .as((op, a, v) -> "(" + op + " " + a + " " + v + ")");
    Arbitrary<String> nil =
        Combinators.combine(word("=", "!="), attribute())
            .as((op, a) -> "(" + op + " " + a + " nil)");
    Arbitrary<String> contains =
        list(word("contains"), attribute(), Arbitraries.oneOf(string(), number(), word("true")));
    Arbitrary<String> exists = list(word("exists"), attribute());
    if (depth == 0) {
      return Arbitraries.frequencyOf(
          Tuple.of(6, comparison), Tuple.of(1, nil), Tuple.of(1, contains), Tuple.of(1, exists));
    }
    Arbitrary<String> inner = Arbitraries.lazy(() -> predicate(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(4, predicate(0)),
        Tuple.of(1, several(inner, 3).map(s -> "(and " + s + ")")),
        Tuple.of(1, several(inner, 3).map(s -> "(or " + s + ")")),
        Tuple.of(1, list(word("not"), inner)));
  }

  private static Arbitrary<String> comparable() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, string()), Tuple.of(3, number()), Tuple.of(1, word("true", "false")));
  }

  static Arbitrary<String> event() {
    return list(word("event"), predicate(2));
  }

  /** What fail and absent watch: one event, or any of events. */
  static Arbitrary<String> watched() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, event()), Tuple.of(1, several(event(), 3).map(s -> "(any " + s + ")")));
  }

  /**
   * Triggers nested up to {@code depth} forms, with counts up to {@code maxCount}. Inner all/seq
   * may hold fails; absent only ends the outer seq ({@link #when}).
   */
  public static Arbitrary<String> trigger(int depth, int maxCount) {
    if (depth == 0) {
      return event();
    }
    Arbitrary<String> child = Arbitraries.lazy(() -> trigger(depth - 1, maxCount));
    Arbitrary<String> count =
        Combinators.combine(counts(maxCount), child).as((n, t) -> "(count " + n + " " + t + ")");
    Arbitrary<String> group =
        Combinators.combine(word("seq", "inSequence", "all", "allOf"), groupBody(child))
            .as((g, body) -> "(" + g + " " + body + ")");
    Arbitrary<String> any =
        Combinators.combine(word("any", "anyOf"), several(child, 3))
            .as((a, body) -> "(" + a + " " + body + ")");
    Arbitrary<String> within =
        Combinators.combine(word("within", "Within"), duration(), child)
            .as((w, d, t) -> "(" + w + " " + d + " " + t + ")");
    Arbitrary<String> wrapped = child.map(t -> "(when " + t + ")");
    return Arbitraries.frequencyOf(
        Tuple.of(4, event()),
        Tuple.of(1, count),
        Tuple.of(2, group),
        Tuple.of(1, any),
        Tuple.of(1, within),
        Tuple.of(1, wrapped));
  }

  private static Arbitrary<Integer> counts(int max) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.integers().between(1, Math.min(3, max))),
        Tuple.of(1, Arbitraries.integers().between(1, max)),
        Tuple.of(1, Arbitraries.just(max)));
  }

  /** The children of an all or seq: one to three triggers, sometimes a fail among them. */
  private static Arbitrary<String> groupBody(Arbitrary<String> child) {
    Arbitrary<String> fail =
        Combinators.combine(word("fail", "failWhen"), watched())
            .as((f, w) -> "(" + f + " " + w + ")");
    return Combinators.combine(
            child.list().ofMinSize(1).ofMaxSize(3),
            fail.list().ofMaxSize(1),
            Arbitraries.integers().between(0, 3))
        .as(
            (children, fails, at) -> {
              List<String> all = new ArrayList<>(children);
              for (String f : fails) {
                all.add(Math.min(at, all.size()), f);
              }
              return String.join(" ", all);
            });
  }

  /** Valid {@code when} sources of every form, counts up to {@code maxCount}. */
  public static Arbitrary<String> when(int maxCount) {
    Arbitrary<String> plain = trigger(3, maxCount);
    Arbitrary<String> absent =
        Combinators.combine(
                word("seq", "inSequence"), groupBody(trigger(2, maxCount)), duration(), watched())
            .as((s, body, d, w) -> "(" + s + " " + body + " (absent " + d + " " + w + "))");
    Arbitrary<String> root = Arbitraries.frequencyOf(Tuple.of(5, plain), Tuple.of(1, absent));
    Arbitrary<String> wrapped =
        Combinators.combine(word("within", "Within", "when"), duration(), root)
            .as(
                (w, d, r) ->
                    w.equals("when") ? "(when " + r + ")" : "(" + w + " " + d + " " + r + ")");
    return Arbitraries.frequencyOf(Tuple.of(4, root), Tuple.of(1, wrapped))
        .flatMap(s -> gap().map(g -> g.equals(" ") ? s : "; a pattern\n" + s + "\n"));
  }

  // ---------------------------------------------------------------- then

  static Arbitrary<String> paramValue(int depth) {
    Arbitrary<String> scalar =
        Arbitraries.frequencyOf(
            Tuple.of(4, string()),
            Tuple.of(1, number()),
            Tuple.of(1, word("true", "false")),
            Tuple.of(2, word("*email*", "*phone*", "*user.name*", "*key*", "*a-b_c*")));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<String> inner = Arbitraries.lazy(() -> paramValue(depth - 1));
    Arbitrary<String> map =
        Combinators.combine(word(":a", ":b", "\"c d\""), inner)
            .as((k, v) -> k + " " + v)
            .list()
            .ofMaxSize(2)
            .uniqueElements(e -> e.substring(0, 2))
            .map(es -> "{" + String.join(", ", es) + "}");
    Arbitrary<String> vector =
        inner.list().ofMaxSize(3).map(vs -> "[" + String.join(" ", vs) + "]");
    return Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(1, map), Tuple.of(1, vector));
  }

  /** {@code integration action} and its mandatory params, as in dsl.md's table. */
  private static final List<List<String>> ACTIONS =
      List.of(
          List.of("echo", "message"),
          List.of("generic", "message", "body"),
          List.of("sendgrid", "email", "to", "subject"),
          List.of("twilio", "sms", "to-phone-number", "message"),
          List.of("twilio", "call", "to-phone-number"),
          List.of("pusher", "event", "channel", "event"),
          List.of("salesforce", "task"),
          List.of("salesforce", "lead"),
          List.of("salesforce", "case"),
          List.of("salesforce", "opportunity"));

  static Arbitrary<String> send(int depth) {
    return Arbitraries.oneOf(ACTIONS.stream().map(a -> send(a, depth)).toList());
  }

  private static Arbitrary<String> send(List<String> a, int depth) {
    List<String> mandatory = a.subList(2, a.size());
    // each mandatory param either in the map or through a template
    Arbitrary<List<Boolean>> viaTemplate =
        Arbitraries.of(true, false).list().ofSize(mandatory.size());
    Arbitrary<List<String>> optional =
        Combinators.combine(word(":message", ":note", "\"x-y\""), paramValue(1))
            .as((k, v) -> k + " " + v)
            .list()
            .ofMaxSize(2)
            .uniqueElements(e -> e.substring(0, 3));
    Arbitrary<List<String>> mandatoryValues = paramValue(0).list().ofSize(mandatory.size());
    return Combinators.combine(viaTemplate, mandatoryValues, optional, sendOptions(depth), gap())
        .as(
            (via, values, extra, options, g) -> {
              List<String> params = new ArrayList<>();
              List<String> templated = new ArrayList<>();
              for (int i = 0; i < mandatory.size(); i++) {
                if (via.get(i)) {
                  templated.add(":" + mandatory.get(i) + " +TM" + (1 + i % 3));
                } else {
                  params.add(":" + mandatory.get(i) + " " + values.get(i));
                }
              }
              for (String e : extra) {
                if (mandatory.stream().noneMatch(m -> e.startsWith(":" + m + " "))) {
                  params.add(e);
                }
              }
              StringBuilder sb = new StringBuilder("(send ");
              sb.append(a.get(0)).append(' ').append(a.get(1)).append(g);
              sb.append('{').append(String.join(", ", params)).append('}');
              if (!templated.isEmpty()) {
                sb.append(" (template {").append(String.join(" ", templated)).append("})");
              }
              for (String o : options) {
                sb.append(' ').append(o);
              }
              return sb.append(')').toString();
            });
  }

  private static Arbitrary<List<String>> sendOptions(int depth) {
    List<Arbitrary<String>> kinds = new ArrayList<>();
    kinds.add(Arbitraries.integers().between(0, 10).map(n -> "(retries " + n + ")"));
    kinds.add(duration().map(d -> "(within " + d + ")"));
    if (depth > 0) {
      Arbitrary<String> inner = Arbitraries.lazy(() -> reaction(depth - 1));
      kinds.add(inner.map(r -> "(success " + r + ")"));
      kinds.add(inner.map(r -> "(failure " + r + ")"));
    }
    return Arbitraries.oneOf(kinds).list().ofMaxSize(2).uniqueElements(o -> o.substring(0, 4));
  }

  private static final java.util.Map<Integer, Arbitrary<String>> REACTIONS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Reactions nested up to {@code depth} forms (built once per depth). */
  public static Arbitrary<String> reaction(int depth) {
    return REACTIONS.computeIfAbsent(depth, PatternSources::buildReaction);
  }

  private static Arbitrary<String> buildReaction(int depth) {
    if (depth == 0) {
      return send(0);
    }
    Arbitrary<String> inner = Arbitraries.lazy(() -> reaction(depth - 1));
    Arbitrary<String> group =
        Combinators.combine(word("seq", "par"), several(inner, 3), sendOptions(depth))
            .as(
                (g, body, options) ->
                    "("
                        + g
                        + " "
                        + body
                        + (options.isEmpty() ? "" : " ")
                        + String.join(" ", options)
                        + ")");
    Arbitrary<String> delay = duration().map(d -> "(delay " + d + ")");
    Arbitrary<String> ifForm =
        Combinators.combine(
                contextPredicate(),
                inner.map(r -> "(success " + r + ")").list().ofMaxSize(1),
                inner.map(r -> "(failure " + r + ")").list().ofMaxSize(1))
            .as(
                (p, s, f) -> {
                  List<String> parts = new ArrayList<>(List.of("if", p));
                  parts.addAll(s);
                  parts.addAll(f);
                  return "(" + String.join(" ", parts) + ")";
                });
    return Arbitraries.frequencyOf(
        Tuple.of(4, send(depth)), Tuple.of(2, group), Tuple.of(1, delay), Tuple.of(1, ifForm));
  }

  private static Arbitrary<String> contextPredicate() {
    return Combinators.combine(
            word("=", "!=", ">", "<="),
            word("*segment*", "*a.b*", "segment", "\"tier\""),
            comparable())
        .as((op, a, v) -> "(" + op + " " + a + " " + v + ")");
  }

  /** Valid {@code then} sources over {@link #TEMPLATES}. */
  public static Arbitrary<String> then() {
    return reaction(2);
  }

  // ---------------------------------------------------------------- broken sources

  /** Splits a source into tokens (strings, comments, brackets, atoms) and the gaps between. */
  static final Pattern TOKEN =
      Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"?|;[^\\n]*|[()\\[\\]{}]|[^\\s,;()\\[\\]{}\"]+");

  static List<int[]> tokens(String source) {
    List<int[]> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(source);
    while (m.find()) {
      out.add(new int[] {m.start(), m.end()});
    }
    return out;
  }

  /** Tokens that matter to the reader and checker, for insertions, replacements and soups. */
  static final List<String> TOKENS =
      List.of(
          "(",
          ")",
          "(",
          ")",
          "(",
          ")",
          "[",
          "]",
          "{",
          "}",
          // forms, aliases, predicates, reactions, options, integrations, actions, misspellings
          "when",
          "event",
          "count",
          "seq",
          "all",
          "any",
          "within",
          "fail",
          "absent",
          "inSequence",
          "allOf",
          "anyOf",
          "Within",
          "failWhen",
          "=",
          "!=",
          ">",
          ">=",
          "<",
          "<=",
          "contains",
          "exists",
          "and",
          "or",
          "not",
          "par",
          "send",
          "delay",
          "if",
          "template",
          "retries",
          "success",
          "failure",
          "echo",
          "generic",
          "sendgrid",
          "twilio",
          "pusher",
          "salesforce",
          "message",
          "email",
          "sms",
          "call",
          "task",
          "alOf",
          "evnt",
          "sned",
          // strings, good and bad
          "\"a\"",
          "\"Gold\"",
          "\"\"",
          "\"x\\\"y\"",
          "\"line\nbreak\"",
          "\"unclosed",
          "\"bad \\q escape\"",
          "\"\\u12\"",
          // numbers, in range and not
          "4",
          "-2",
          "0.5",
          "1e3",
          "+3",
          "007",
          "1e999999999",
          "1e-999999999",
          "1e99999999999",
          "4294967297",
          "10000",
          "10001",
          "-0",
          "0.0004",
          "9223372036854775808",
          "4x",
          "1.",
          "--1",
          // units, keywords, references, templates, literals, attributes
          "seconds",
          "minutes",
          "hours",
          "days",
          "day",
          "weeks",
          "minuts",
          ":message",
          ":to",
          ":body",
          ":",
          "*email*",
          "*a.b*",
          "*bad",
          "**",
          "*a..b*",
          "+TM1",
          "+TM9",
          "+",
          "+TM/1",
          "nil",
          "true",
          "false",
          "type",
          "a.b.c",
          "a..b",
          // separators and junk
          ";",
          "; comment\n",
          ",",
          "\n",
          "#",
          "@",
          "\u0000",
          "\u2028",
          "\uD83D\uDE00");

  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  /** Numbers at and past the edges of every range the checker knows, and of int and long. */
  private static final List<String> EXTREME_NUMBERS =
      List.of(
          "0",
          "-1",
          "-0",
          "0.5",
          "0.0004",
          "1.5",
          "10",
          "11",
          "10000",
          "10001",
          "366",
          "367",
          "2147483647",
          "2147483648",
          "4294967297",
          "-4294967297",
          "9223372036854775808",
          "1e999999999",
          "1e-999999999",
          "1e2147483647",
          "1e-2147483647",
          "1e99999999999",
          "12345678901234567890123456789012345678901234567890");

  private static final String CHARS = "()[]{}\"\\;:*+ \nx1.-,e";

  /** Up to 80 tokens in any order. */
  public static Arbitrary<String> tokenSoup() {
    return Combinators.combine(Arbitraries.of(TOKENS), gap())
        .as((t, g) -> t + g)
        .list()
        .ofMaxSize(80)
        .map(ts -> String.join("", ts));
  }

  /** Random text: any characters, or those the reader treats specially. */
  public static Arbitrary<String> randomText() {
    Arbitrary<String> special =
        Arbitraries.strings().withChars("()[]{}\"\\;:*+,.-_ \n\t0123456789eEabnu").ofMaxLength(300);
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200), special);
  }

  /**
   * One to three changes to a source: a character or a token deleted, inserted, swapped, duplicated
   * or replaced. Driven by a generated seed rather than by nested arbitraries, which cost
   * milliseconds per source to build.
   */
  public static Arbitrary<String> mutated(Arbitrary<String> valid) {
    return Combinators.combine(valid, Arbitraries.longs(), Arbitraries.integers().between(1, 3))
        .as(
            (source, seed, changes) -> {
              java.util.Random random = new java.util.Random(seed);
              String out = source;
              for (int i = 0; i < changes; i++) {
                out = mutate(out, random);
              }
              return out;
            });
  }

  static String mutate(String s, java.util.Random random) {
    List<int[]> toks = tokens(s);
    int n = s.length();
    int kind = random.nextInt(toks.isEmpty() ? 3 : 9);
    switch (kind) {
      case 0:
        if (n == 0) {
          return s;
        }
        int d = random.nextInt(n);
        return cut(s, d, d + 1, "");
      case 1:
        return cut(
            s,
            random.nextInt(n + 1),
            -1,
            String.valueOf(CHARS.charAt(random.nextInt(CHARS.length()))));
      case 2:
        if (n < 2) {
          return s;
        }
        int w = random.nextInt(n - 1);
        return cut(s, w, w + 2, "" + s.charAt(w + 1) + s.charAt(w));
      default:
        break;
    }
    if (kind == 8) {
      // a number where the checker reads one (counts, lengths, retries, values) made extreme
      List<int[]> numbers =
          toks.stream().filter(t -> NUMBER.matcher(s.substring(t[0], t[1])).matches()).toList();
      if (numbers.isEmpty()) {
        return s;
      }
      int[] t = numbers.get(random.nextInt(numbers.size()));
      return cut(s, t[0], t[1], EXTREME_NUMBERS.get(random.nextInt(EXTREME_NUMBERS.size())));
    }
    int[] t = toks.get(random.nextInt(toks.size()));
    String token = TOKENS.get(random.nextInt(TOKENS.size()));
    switch (kind) {
      case 3:
        return cut(s, t[0], t[1], "");
      case 4:
        return cut(s, t[0], -1, token + " ");
      case 5:
        return cut(s, t[0], t[1], token);
      case 6:
        return cut(s, t[1], -1, " " + s.substring(t[0], t[1]));
      default:
        int[] u = toks.get(random.nextInt(toks.size()));
        int[] x = t[0] <= u[0] ? t : u;
        int[] y = t[0] <= u[0] ? u : t;
        if (x[1] > y[0]) {
          return s;
        }
        return s.substring(0, x[0])
            + s.substring(y[0], y[1])
            + s.substring(x[1], y[0])
            + s.substring(x[0], x[1])
            + s.substring(y[1]);
    }
  }

  /** A prefix of a source, cut anywhere. */
  public static Arbitrary<String> truncated(Arbitrary<String> valid) {
    return valid.flatMap(
        s ->
            Arbitraries.integers()
                .between(0, Math.max(0, s.length() - 1))
                .map(i -> s.substring(0, i)));
  }

  /** {@code s} with {@code from..to} replaced by {@code with}; {@code to} of -1 inserts. */
  private static String cut(String s, int from, int to, String with) {
    return s.substring(0, from) + with + s.substring(to < 0 ? from : to);
  }
}
