package io.cxengage.job.reaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.eval.AttributePath;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.dsl.plan.Reaction;
import io.cxengage.dsl.plan.Value;
import io.cxengage.dsl.template.TemplateRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The context of a reaction (dsl.md section 3) and the rendering of a send's params over it: the
 * match's events merged (later wins), then notification augments, then {@code tenant}, {@code
 * pattern} and {@code key}; {@code *ref*}s read it (dotted paths too); template params are rendered
 * with Mustache, HTML-escaped only for a sendgrid {@code html} param.
 */
public final class ReactionContext {

  private ReactionContext() {}

  /** Builds the context of a match. */
  public static ObjectNode of(
      List<CustomerEvent> events, ObjectNode augments, String tenant, String pattern, String key) {
    ObjectNode ctx = JsonNodeFactory.instance.objectNode();
    for (CustomerEvent e : events) {
      ctx.setAll(e.attributes());
    }
    if (augments != null) {
      ctx.setAll(augments);
    }
    ctx.put("tenant", tenant);
    ctx.put("pattern", pattern);
    ctx.put("key", key);
    return ctx;
  }

  /** A param that refers to an attribute the context lacks. */
  public static final class MissingAttribute extends Exception {
    private static final long serialVersionUID = 1L;

    MissingAttribute(String path) {
      super("missing attribute " + path);
    }
  }

  /**
   * Renders a send's params: literals as they are, references from the context, templates rendered.
   *
   * @throws MissingAttribute when a reference is not in the context
   */
  public static ObjectNode render(
      Reaction.Send send, JsonNode context, Map<String, String> templates) throws MissingAttribute {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    MissingAttribute missing = null;
    for (Map.Entry<String, Value> p : send.params().entrySet()) {
      try {
        params.set(p.getKey(), value(p.getValue(), context));
      } catch (MissingAttribute e) {
        missing = missing == null ? e : missing;
      }
    }
    for (Map.Entry<String, String> t : send.options().templates().entrySet()) {
      String text = templates.get(t.getValue());
      if (text == null) {
        throw new MissingAttribute("template " + t.getValue());
      }
      boolean html = send.integration().equals("sendgrid") && t.getKey().equals("html");
      params.put(t.getKey(), TemplateRenderer.render(text, context, html));
    }
    if (missing != null) {
      throw missing;
    }
    return params;
  }

  /** Renders what could be rendered, for the record of a send that failed to render. */
  public static ObjectNode renderLeniently(Reaction.Send send, JsonNode context) {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, Value> p : send.params().entrySet()) {
      try {
        params.set(p.getKey(), value(p.getValue(), context));
      } catch (MissingAttribute e) {
        // left out: the record's error names it
      }
    }
    return params;
  }

  private static JsonNode value(Value v, JsonNode context) throws MissingAttribute {
    if (v instanceof Value.Literal l) {
      try {
        return Json.mapper().readTree(l.json());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (v instanceof Value.Ref r) {
      JsonNode found = new AttributePath(r.path()).read(context);
      if (found == null) {
        throw new MissingAttribute(r.path());
      }
      return found;
    }
    if (v instanceof Value.MapValue m) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, Value> e : m.entries().entrySet()) {
        out.set(e.getKey(), value(e.getValue(), context));
      }
      return out;
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (Value item : ((Value.Vector) v).items()) {
      out.add(value(item, context));
    }
    return out;
  }
}
