package io.cxengage.dsl.check;

import io.cxengage.dsl.DslError;
import io.cxengage.dsl.ast.Predicate;
import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.read.ReadResult;
import io.cxengage.dsl.read.Reader;
import io.cxengage.dsl.read.SExpr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a {@code when} against dsl.md section 2 and builds its {@link Trigger}: forms and their
 * aliases, arity, counts, units, windows, and where {@code fail} and {@code absent} may stand.
 */
public final class WhenChecker {

  public static final String FIELD = "when";
  public static final int MAX_COUNT = 10_000;

  /**
   * Every spelling of every trigger form, mapped to its canonical name; canonical names first, so
   * that a misspelling is matched to them rather than to an alias when both are as close.
   */
  static final Map<String, String> FORMS = new LinkedHashMap<>();

  static {
    for (String form : List.of("when", "event", "count", "seq", "all", "any", "within", "fail")) {
      FORMS.put(form, form);
    }
    FORMS.put("absent", "absent");
    FORMS.put("inSequence", "seq");
    FORMS.put("allOf", "all");
    FORMS.put("anyOf", "any");
    FORMS.put("Within", "within");
    FORMS.put("failWhen", "fail");
  }

  private final Diagnostics diagnostics = new Diagnostics(FIELD);
  private final PredicateChecker predicates = new PredicateChecker(diagnostics, false);

  private WhenChecker() {}

  /** Reads and checks {@code source}; the trigger is null when there are errors. */
  public static CheckResult<Trigger> check(String source) {
    ReadResult read = Reader.read(FIELD, source);
    WhenChecker checker = new WhenChecker();
    Trigger trigger = null;
    if (read.forms().isEmpty()) {
      if (read.ok()) {
        checker.diagnostics.error(
            io.cxengage.dsl.read.Position.START,
            "when is empty; write a trigger such as (event (= type \"login\"))");
      }
    } else {
      for (int i = 1; i < read.forms().size(); i++) {
        checker.diagnostics.error(
            read.forms().get(i), "when holds one trigger; wrap several in (seq ...) or (all ...)");
      }
      trigger = checker.trigger(read.forms().get(0), Place.ROOT);
    }
    List<DslError> errors = new ArrayList<>(read.errors());
    errors.addAll(checker.diagnostics.errors);
    return errors.isEmpty() ? CheckResult.ok(trigger) : CheckResult.failed(errors);
  }

  /** Where a trigger stands, which decides whether fail and absent may be there. */
  private enum Place {
    /** The root, through when and within wrappers. */
    ROOT,
    /** A direct child of all or seq (through when wrappers), other than the one below. */
    IN_GROUP,
    /**
     * The last step of the root seq (through when wrappers): absent may stand here. Only there: the
     * engine completes an absence at the end of the whole match, so an absent at the end of a seq
     * nested in that last step would have no meaning it could give.
     */
    LAST_OF_ROOT_SEQ,
    /** Anywhere else. */
    NESTED
  }

  private Trigger trigger(SExpr expr, Place place) {
    if (!(expr instanceof SExpr.SList list) || list.head() == null) {
      diagnostics.error(
          expr,
          "expected a trigger such as (event ...), (seq ...) or (all ...), not "
              + (expr instanceof SExpr.SList l && l.items().isEmpty() ? "()" : expr.describe()));
      return null;
    }
    SExpr.SSymbol head = list.head();
    String form = FORMS.get(head.name());
    if (form == null) {
      diagnostics.error(
          head,
          "unknown operator '" + head.name() + "'" + Suggestions.hint(head.name(), FORMS.keySet()));
      return null;
    }
    List<SExpr> args = list.args();
    switch (form) {
      case "when":
        if (!diagnostics.arity(list, 1, 1, "one trigger")) {
          return null;
        }
        return trigger(args.get(0), place); // a wrapper, the same as its content
      case "event":
        {
          if (!diagnostics.arity(list, 1, 1, "one predicate, e.g. (event (= type \"login\"))")) {
            return null;
          }
          Predicate p = predicates.check(args.get(0));
          return p == null ? null : new Trigger.Event(p, head.position());
        }
      case "count":
        return count(list, head);
      case "seq":
      case "all":
        return group(list, head, form, place);
      case "any":
        {
          if (!diagnostics.arity(list, 1, Integer.MAX_VALUE, "one or more triggers")) {
            return null;
          }
          List<Trigger> options = children(args, Place.NESTED);
          return options == null ? null : new Trigger.Any(options, head.position());
        }
      case "within":
        {
          if (!diagnostics.arity(
              list, 3, 3, "a length, a unit and a trigger: (within 5 minutes ...)")) {
            return null;
          }
          long millis = diagnostics.duration("within", args.get(0), args.get(1));
          Trigger child = trigger(args.get(2), place == Place.ROOT ? Place.ROOT : Place.NESTED);
          return millis < 0 || child == null
              ? null
              : new Trigger.Within(millis, child, head.position());
        }
      case "fail":
        {
          if (place != Place.IN_GROUP && place != Place.LAST_OF_ROOT_SEQ) {
            diagnostics.error(
                head, "fail must stand directly inside all or seq: (all ... (fail (event ...)))");
            return null;
          }
          if (!diagnostics.arity(list, 1, 1, "one (event ...) that cancels the partial match")) {
            return null;
          }
          Trigger cancel = singleEvent(args.get(0), "fail");
          return cancel == null ? null : new Trigger.Fail(cancel, head.position());
        }
      case "absent":
        {
          if (place != Place.LAST_OF_ROOT_SEQ) {
            diagnostics.error(
                head,
                "absent must be the last step of the pattern's outer seq:"
                    + " (seq (event ...) (absent 1 hours (event ...)))");
            return null;
          }
          if (!diagnostics.arity(list, 3, 3, "a length, a unit and an (event ...)")) {
            return null;
          }
          long millis = diagnostics.duration("absent", args.get(0), args.get(1));
          Trigger child = singleEvent(args.get(2), "absent");
          return millis < 0 || child == null
              ? null
              : new Trigger.Absent(millis, child, head.position());
        }
      default:
        throw new IllegalStateException("form without a check: " + form);
    }
  }

  private Trigger count(SExpr.SList list, SExpr.SSymbol head) {
    if (!diagnostics.arity(list, 2, 2, "a number and a trigger: (count 4 (event ...))")) {
      return null;
    }
    SExpr n = list.args().get(0);
    int times = -1;
    if (n instanceof SExpr.SNumber num && num.isInteger()) {
      if (num.value().signum() <= 0) {
        diagnostics.error(num, "count must be at least 1, not " + num.text());
      } else if (num.value().compareTo(java.math.BigDecimal.valueOf(MAX_COUNT)) > 0) {
        diagnostics.error(num, "count is at most " + MAX_COUNT + ", not " + num.text());
      } else {
        times = num.value().intValueExact();
      }
    } else {
      diagnostics.error(n, "count expects a whole number such as 4, not " + n.describe());
    }
    Trigger child = trigger(list.args().get(1), Place.NESTED);
    return times < 0 || child == null ? null : new Trigger.Count(times, child, head.position());
  }

  private Trigger group(SExpr.SList list, SExpr.SSymbol head, String form, Place place) {
    if (!diagnostics.arity(list, 1, Integer.MAX_VALUE, "one or more triggers")) {
      return null;
    }
    List<SExpr> args = list.args();
    boolean root = place == Place.ROOT;
    List<Trigger> children = new ArrayList<>();
    boolean ok = true;
    int matching = 0;
    for (int i = 0; i < args.size(); i++) {
      Place childPlace =
          form.equals("seq") && root && i == args.size() - 1
              ? Place.LAST_OF_ROOT_SEQ
              : Place.IN_GROUP;
      Trigger child = trigger(args.get(i), childPlace);
      ok &= child != null;
      children.add(child);
      if (child != null && !(child instanceof Trigger.Fail) && !(child instanceof Trigger.Absent)) {
        matching++;
      }
    }
    if (ok && matching == 0) {
      diagnostics.error(
          head,
          form + " needs at least one trigger that events can match, besides fail and absent");
      ok = false;
    }
    if (!ok) {
      return null;
    }
    List<Trigger> steps = List.copyOf(children);
    return form.equals("seq")
        ? new Trigger.Seq(steps, head.position())
        : new Trigger.All(steps, head.position());
  }

  private List<Trigger> children(List<SExpr> args, Place place) {
    List<Trigger> out = new ArrayList<>();
    boolean ok = true;
    for (SExpr arg : args) {
      Trigger t = trigger(arg, place);
      ok &= t != null;
      out.add(t);
    }
    return ok ? List.copyOf(out) : null;
  }

  /** fail and absent watch for single events: (event p), or (any (event p) ...). */
  private Trigger singleEvent(SExpr expr, String form) {
    Trigger t = trigger(expr, Place.NESTED);
    if (t == null) {
      return null;
    }
    if (t instanceof Trigger.Event) {
      return t;
    }
    if (t instanceof Trigger.Any any
        && any.options().stream().allMatch(o -> o instanceof Trigger.Event)) {
      List<Predicate> preds =
          any.options().stream().map(o -> ((Trigger.Event) o).predicate()).toList();
      return new Trigger.Event(new Predicate.Or(preds), any.position());
    }
    diagnostics.error(
        expr,
        form
            + " watches for single events: write ("
            + form
            + " ... (event ...)) or (any (event ...) ...)");
    return null;
  }
}
