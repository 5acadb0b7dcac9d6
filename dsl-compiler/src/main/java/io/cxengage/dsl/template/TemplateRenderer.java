package io.cxengage.dsl.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders stored Mustache templates over a reaction context (dsl.md section 3): numbers as written
 * in the event, a missing {@code {{name}}} renders empty, and HTML escaping only when asked for (a
 * sendgrid {@code html} param). Compiled templates are cached by their text.
 */
public final class TemplateRenderer {

  private static final Map<String, Mustache> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, Mustache> HTML_CACHE = new ConcurrentHashMap<>();
  private static final DefaultMustacheFactory PLAIN =
      new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
          try {
            writer.write(value);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
  private static final DefaultMustacheFactory HTML = new DefaultMustacheFactory();

  private TemplateRenderer() {}

  /**
   * Checks that a template parses.
   *
   * @return null when it does, else what is wrong
   */
  public static String problem(String template) {
    try {
      PLAIN.compile(new StringReader(template), "check");
      return null;
    } catch (MustacheException e) {
      return e.getMessage();
    }
  }

  /** Renders {@code template} over {@code context} (a JSON object), escaping HTML when asked. */
  public static String render(String template, JsonNode context, boolean escapeHtml) {
    Map<String, Mustache> cache = escapeHtml ? HTML_CACHE : CACHE;
    Mustache mustache =
        cache.computeIfAbsent(
            template, t -> (escapeHtml ? HTML : PLAIN).compile(new StringReader(t), "template"));
    StringWriter out = new StringWriter();
    mustache.execute(out, toScope(context));
    return out.toString();
  }

  /** JSON to the maps, lists and strings Mustache walks; numbers keep their written form. */
  static Object toScope(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        map.put(f.getKey(), toScope(f.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(toScope(n)));
      return list;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }
}
