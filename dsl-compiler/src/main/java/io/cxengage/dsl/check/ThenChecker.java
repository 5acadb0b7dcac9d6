package io.cxengage.dsl.check;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cxengage.dsl.DslError;
import io.cxengage.dsl.ast.Predicate;
import io.cxengage.dsl.plan.Reaction;
import io.cxengage.dsl.plan.Value;
import io.cxengage.dsl.read.Position;
import io.cxengage.dsl.read.ReadResult;
import io.cxengage.dsl.read.Reader;
import io.cxengage.dsl.read.SExpr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a {@code then} against dsl.md section 3 and builds its {@link Reaction} plan: forms,
 * options, integrations and actions, mandatory params (a param given through {@code template}
 * counts), template references that must exist in the tenant, and param values.
 */
public final class ThenChecker {

  public static final String FIELD = "then";
  private static final List<String> FORMS = List.of("seq", "par", "send", "delay", "if");
  private static final List<String> OPTIONS =
      List.of("template", "retries", "within", "success", "failure");

  private final Diagnostics diagnostics = new Diagnostics(FIELD);
  private final PredicateChecker predicates = new PredicateChecker(diagnostics, true);
  private final Set<String> templateIds;
  private final Set<String> referencedTemplates = new LinkedHashSet<>();

  private ThenChecker(Set<String> templateIds) {
    this.templateIds = templateIds;
  }

  /**
   * Reads and checks {@code source}.
   *
   * @param templateIds the ids of the tenant's stored templates ({@code TM1}, ...)
   */
  public static CheckResult<Reaction> check(String source, Set<String> templateIds) {
    ReadResult read = Reader.read(FIELD, source);
    ThenChecker checker = new ThenChecker(templateIds);
    Reaction reaction = null;
    if (read.forms().isEmpty()) {
      if (read.ok()) {
        checker.diagnostics.error(
            Position.START,
            "then is empty; write a reaction such as (send echo message {:message \"hi\"})");
      }
    } else {
      for (int i = 1; i < read.forms().size(); i++) {
        checker.diagnostics.error(
            read.forms().get(i), "then holds one reaction; wrap several in (seq ...) or (par ...)");
      }
      reaction = checker.reaction(read.forms().get(0), "0");
    }
    List<DslError> errors = new ArrayList<>(read.errors());
    errors.addAll(checker.diagnostics.errors);
    return errors.isEmpty() ? CheckResult.ok(reaction) : CheckResult.failed(errors);
  }

  /** The template ids a {@code then} refers to (read leniently: errors are ignored). */
  public static Set<String> templateReferences(String source) {
    ThenChecker checker = new ThenChecker(null);
    for (SExpr form : Reader.read(FIELD, source).forms()) {
      checker.reaction(form, "0");
    }
    return Set.copyOf(checker.referencedTemplates);
  }

  private Reaction reaction(SExpr expr, String path) {
    if (!(expr instanceof SExpr.SList list) || list.head() == null) {
      diagnostics.error(
          expr,
          "expected a reaction such as (send ...), (seq ...) or (par ...), not "
              + (expr instanceof SExpr.SList l && l.items().isEmpty() ? "()" : expr.describe()));
      return null;
    }
    SExpr.SSymbol head = list.head();
    switch (head.name()) {
      case "seq":
      case "par":
        return group(list, head, path);
      case "send":
        return send(list, head, path);
      case "delay":
        {
          if (!diagnostics.arity(list, 2, 2, "a length and a unit: (delay 10 minutes)")) {
            return null;
          }
          long millis = diagnostics.duration("delay", list.args().get(0), list.args().get(1));
          return millis < 0 ? null : new Reaction.Delay(millis, path);
        }
      case "if":
        return ifReaction(list, head, path);
      default:
        diagnostics.error(
            head,
            "unknown reaction '"
                + head.name()
                + "'"
                + Suggestions.hint(head.name(), FORMS)
                + "; reactions are seq, par, send, delay and if");
        return null;
    }
  }

  private Reaction group(SExpr.SList list, SExpr.SSymbol head, String path) {
    List<Reaction> children = new ArrayList<>();
    List<SExpr.SList> optionForms = new ArrayList<>();
    boolean ok = true;
    for (SExpr arg : list.args()) {
      if (isOption(arg)) {
        optionForms.add((SExpr.SList) arg);
        continue;
      }
      if (!optionForms.isEmpty()) {
        diagnostics.error(
            arg, "options such as (retries 2) come after the reactions of " + head.name());
      }
      Reaction child = reaction(arg, path + "." + children.size());
      ok &= child != null;
      children.add(child);
    }
    if (children.isEmpty()) {
      diagnostics.error(head, head.name() + " needs at least one reaction");
      ok = false;
    }
    Reaction.Options options = options(optionForms, path, false);
    if (!ok || options == null) {
      return null;
    }
    return head.name().equals("seq")
        ? new Reaction.Seq(List.copyOf(children), options, path)
        : new Reaction.Par(List.copyOf(children), options, path);
  }

  private Reaction send(SExpr.SList list, SExpr.SSymbol head, String path) {
    List<SExpr> args = list.args();
    if (args.size() < 3) {
      diagnostics.error(
          head,
          "send takes an integration, an action and a map of params: (send echo message {:message \"hi\"})");
      return null;
    }
    String integration = null;
    Map<String, List<String>> actions = null;
    if (args.get(0) instanceof SExpr.SSymbol s) {
      actions = Integrations.CATALOG.get(s.name());
      if (actions == null) {
        diagnostics.error(
            s,
            "unknown integration '"
                + s.name()
                + "'"
                + Suggestions.hint(s.name(), Integrations.names())
                + "; integrations are "
                + String.join(", ", Integrations.names()));
      } else {
        integration = s.name();
      }
    } else {
      diagnostics.error(
          args.get(0), "expected an integration such as echo, not " + args.get(0).describe());
    }
    String action = null;
    List<String> mandatory = List.of();
    if (args.get(1) instanceof SExpr.SSymbol s) {
      if (actions != null) {
        if (actions.containsKey(s.name())) {
          action = s.name();
          mandatory = actions.get(s.name());
        } else {
          diagnostics.error(
              s,
              "unknown action '"
                  + s.name()
                  + "' of "
                  + integration
                  + Suggestions.hint(s.name(), actions.keySet())
                  + "; its actions are "
                  + String.join(", ", actions.keySet()));
        }
      }
    } else {
      diagnostics.error(
          args.get(1), "expected an action such as message, not " + args.get(1).describe());
    }
    Map<String, Value> params = null;
    if (args.get(2) instanceof SExpr.SMap map) {
      params = params(map);
    } else {
      diagnostics.error(
          args.get(2),
          "expected the params as a map such as {:message \"hi\"}, not " + args.get(2).describe());
    }
    List<SExpr.SList> optionForms = new ArrayList<>();
    for (SExpr extra : args.subList(3, args.size())) {
      if (isOption(extra)) {
        optionForms.add((SExpr.SList) extra);
      } else {
        diagnostics.error(
            extra,
            "after the params a send takes only options (template, retries, within, success, failure), not "
                + extra.describe());
      }
    }
    Reaction.Options options = options(optionForms, path, true);
    if (integration == null || action == null || params == null || options == null) {
      return null;
    }
    for (String param : mandatory) {
      if (!params.containsKey(param) && !options.templates().containsKey(param)) {
        diagnostics.error(
            args.get(2),
            integration
                + " "
                + action
                + " needs the param :"
                + param
                + "; add it to the params or give it through (template {:"
                + param
                + " +TM1})");
        return null;
      }
    }
    return new Reaction.Send(integration, action, params, options, path);
  }

  private Reaction ifReaction(SExpr.SList list, SExpr.SSymbol head, String path) {
    List<SExpr> args = list.args();
    if (args.isEmpty() || args.size() > 3) {
      diagnostics.error(
          head,
          "if takes a predicate and up to two branches: (if (= *segment* \"gold\") (success ...) (failure ...))");
      return null;
    }
    Predicate predicate = predicates.check(args.get(0));
    Reaction success = null;
    Reaction failure = null;
    boolean ok = predicate != null;
    for (SExpr branch : args.subList(1, args.size())) {
      SExpr.SList b = branch instanceof SExpr.SList l ? l : null;
      String name = b != null && b.head() != null ? b.head().name() : "";
      if (!(name.equals("success") || name.equals("failure"))) {
        diagnostics.error(
            branch,
            "the branches of if are (success ...) and (failure ...), not " + branch.describe());
        ok = false;
        continue;
      }
      if (!diagnostics.arity(b, 1, 1, "one reaction")) {
        ok = false;
        continue;
      }
      Reaction r = reaction(b.args().get(0), path + (name.equals("success") ? ".s" : ".f"));
      ok &= r != null;
      if (name.equals("success")) {
        if (success != null) {
          diagnostics.error(b, "if has two success branches");
        }
        success = r;
      } else {
        if (failure != null) {
          diagnostics.error(b, "if has two failure branches");
        }
        failure = r;
      }
    }
    return ok ? new Reaction.If(predicate, success, failure, path) : null;
  }

  private static boolean isOption(SExpr expr) {
    return expr instanceof SExpr.SList l && l.head() != null && OPTIONS.contains(l.head().name());
  }

  private Reaction.Options options(List<SExpr.SList> forms, String path, boolean isSend) {
    Map<String, String> templates = new LinkedHashMap<>();
    Integer retries = null;
    Long within = null;
    Reaction success = null;
    Reaction failure = null;
    boolean ok = true;
    for (SExpr.SList form : forms) {
      String name = form.head().name();
      switch (name) {
        case "template" -> {
          if (!isSend) {
            diagnostics.error(
                form.head(),
                "template belongs to a send: (send generic message {} (template {:body +TM1}))");
            ok = false;
          } else if (diagnostics.arity(
              form, 1, 1, "a map of params to templates: (template {:body +TM1})")) {
            ok &= templates(form.args().get(0), templates);
          } else {
            ok = false;
          }
        }
        case "retries" -> {
          if (!diagnostics.arity(form, 1, 1, "a number: (retries 5)")) {
            ok = false;
          } else if (form.args().get(0) instanceof SExpr.SNumber n
              && n.isInteger()
              && n.value().signum() >= 0
              // compared as a BigDecimal: intValue() would wrap 4294967297 round to 1
              && n.value().compareTo(BigDecimal.valueOf(Reaction.Options.MAX_RETRIES)) <= 0) {
            retries = n.value().intValueExact();
          } else {
            diagnostics.error(
                form.args().get(0),
                "retries takes a whole number from 0 to " + Reaction.Options.MAX_RETRIES);
            ok = false;
          }
        }
        case "within" -> {
          if (!diagnostics.arity(form, 2, 2, "a length and a unit: (within 5 minutes)")) {
            ok = false;
          } else {
            long ms = diagnostics.duration("within", form.args().get(0), form.args().get(1));
            ok &= ms >= 0;
            within = ms;
          }
        }
        case "success", "failure" -> {
          if (!diagnostics.arity(form, 1, 1, "one reaction")) {
            ok = false;
          } else {
            Reaction r =
                reaction(form.args().get(0), path + (name.equals("success") ? ".s" : ".f"));
            ok &= r != null;
            if (name.equals("success")) {
              success = r;
            } else {
              failure = r;
            }
          }
        }
        default -> throw new IllegalStateException(name);
      }
    }
    return ok
        ? new Reaction.Options(Map.copyOf(templates), retries, within, success, failure)
        : null;
  }

  private boolean templates(SExpr expr, Map<String, String> into) {
    if (!(expr instanceof SExpr.SMap map)) {
      diagnostics.error(
          expr,
          "template takes a map of params to templates such as {:body +TM1}, not "
              + expr.describe());
      return false;
    }
    boolean ok = true;
    for (SExpr.SMap.Entry e : map.entries()) {
      String param = paramName(e.key());
      if (param == null) {
        ok = false;
        continue;
      }
      if (!(e.value() instanceof SExpr.STemplateRef ref)) {
        diagnostics.error(
            e.value(),
            "a template param takes a template reference such as +TM1, not "
                + e.value().describe());
        ok = false;
        continue;
      }
      referencedTemplates.add(ref.id());
      if (templateIds != null && !templateIds.contains(ref.id())) {
        diagnostics.error(
            ref,
            "template "
                + ref.id()
                + " does not exist in this tenant; create it first or fix the id");
        ok = false;
        continue;
      }
      into.put(param, ref.id());
    }
    return ok;
  }

  private Map<String, Value> params(SExpr.SMap map) {
    Map<String, Value> out = new LinkedHashMap<>();
    boolean ok = true;
    for (SExpr.SMap.Entry e : map.entries()) {
      String name = paramName(e.key());
      Value v = value(e.value());
      if (name == null || v == null) {
        ok = false;
        continue;
      }
      if (out.containsKey(name)) {
        diagnostics.error(e.key(), "the param :" + name + " is given twice");
        ok = false;
      }
      out.put(name, v);
    }
    return ok ? out : null;
  }

  private String paramName(SExpr key) {
    if (key instanceof SExpr.SKeyword k) {
      return k.name();
    }
    if (key instanceof SExpr.SString s && !s.value().isEmpty()) {
      return s.value();
    }
    diagnostics.error(key, "a param name is a keyword such as :message, not " + key.describe());
    return null;
  }

  private Value value(SExpr expr) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    if (expr instanceof SExpr.SString s) {
      return Value.Literal.of(json.textNode(s.value()));
    }
    if (expr instanceof SExpr.SNumber n) {
      return Value.Literal.of(json.numberNode(n.value()));
    }
    if (expr instanceof SExpr.SBool b) {
      return Value.Literal.of(json.booleanNode(b.value()));
    }
    if (expr instanceof SExpr.SRef r) {
      return new Value.Ref(r.name());
    }
    if (expr instanceof SExpr.SMap m) {
      Map<String, Value> nested = params(m);
      return nested == null ? null : new Value.MapValue(nested);
    }
    if (expr instanceof SExpr.SVector v) {
      List<Value> items = new ArrayList<>();
      boolean ok = true;
      for (SExpr item : v.items()) {
        Value iv = value(item);
        ok &= iv != null;
        items.add(iv);
      }
      return ok ? new Value.Vector(List.copyOf(items)) : null;
    }
    if (expr instanceof SExpr.STemplateRef t) {
      referencedTemplates.add(t.id());
      diagnostics.error(
          t,
          "a template reference belongs in (template {:param +"
              + t.id()
              + "}), not among the params");
      return null;
    }
    diagnostics.error(
        expr,
        "a param is a string, number, true, false, *reference*, map or vector, not "
            + expr.describe());
    return null;
  }
}
