package io.cxengage.job.augment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.AugmentDocument;
import io.cxengage.dsl.eval.AttributePath;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One augment as the job applies it, read from its document ({@code t/augment/AUn}) and, for a file
 * augment, the join attribute: the first column of its uploaded CSV ({@code t/augment-file/AUn}).
 *
 * @param joinAttribute the event (or context) attribute whose value is looked up; null for an API
 *     augment, and for a file augment without an upload
 * @param attributes the attributes to merge; null or empty means all
 */
public record Augment(
    String id,
    Type type,
    Service service,
    String url,
    List<String> attributes,
    AttributePath joinAttribute) {

  /** Where the augment's attributes come from. */
  public enum Type {
    FILE,
    API
  }

  /** What the augment fills in: the event before matching, or the reaction context. */
  public enum Service {
    ENGINE,
    NOTIFICATION
  }

  /**
   * The stable order in which a tenant's augments apply (a later one wins on an attribute both
   * fill): by id, numbers compared as numbers, so {@code AU2} comes before {@code AU10}.
   */
  public static final Comparator<String> ID_ORDER = Augment::compareIds;

  /**
   * The augment a document describes (its id is the one of its configuration key), or empty when
   * its type or service is not one we know.
   */
  public static Optional<Augment> of(String id, AugmentDocument doc, String joinColumn) {
    Optional<Type> type = parse(Type.class, doc.type());
    Optional<Service> service =
        parse(Service.class, doc.service() != null ? doc.service() : doc.augmentService());
    if (type.isEmpty() || service.isEmpty()) {
      return Optional.empty();
    }
    AugmentDocument.Options options = doc.options();
    String url = options == null || options.url() == null ? null : options.url().trim();
    List<String> attributes =
        options == null || options.attributes() == null || options.attributes().isEmpty()
            ? null
            : List.copyOf(options.attributes());
    AttributePath join =
        type.get() == Type.FILE && joinColumn != null && !joinColumn.isBlank()
            ? new AttributePath(joinColumn)
            : null;
    return Optional.of(
        new Augment(
            id,
            type.get(),
            service.get(),
            url == null || url.isEmpty() ? null : url,
            attributes,
            join));
  }

  /** Whether it can be applied: a file with an upload, an API with a URL. */
  public boolean usable() {
    return type == Type.FILE ? joinAttribute != null : url != null;
  }

  /**
   * The attributes of {@code found} that this augment merges: all, or those named in {@code
   * attributes}; never the join attribute itself (it is what the subject already has, and a CSV
   * holds it as text even where the event has a number).
   */
  public static ObjectNode limit(JsonNode found, String joinAttribute, List<String> attributes) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (found == null || !found.isObject()) {
      return out;
    }
    if (attributes == null || attributes.isEmpty()) {
      Iterator<Map.Entry<String, JsonNode>> fields = found.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (!f.getKey().equals(joinAttribute)) {
          out.set(f.getKey(), f.getValue());
        }
      }
      return out;
    }
    for (String name : attributes) {
      JsonNode value = found.get(name);
      if (value != null && !name.equals(joinAttribute)) {
        out.set(name, value);
      }
    }
    return out;
  }

  private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static int compareIds(String a, String b) {
    int i = digitsFrom(a);
    int j = digitsFrom(b);
    int byPrefix = a.substring(0, i).compareTo(b.substring(0, j));
    if (byPrefix != 0) {
      return byPrefix;
    }
    String x = a.substring(i).replaceFirst("^0+", "");
    String y = b.substring(j).replaceFirst("^0+", "");
    int byLength = Integer.compare(x.length(), y.length());
    if (byLength != 0) {
      return byLength;
    }
    int byNumber = x.compareTo(y);
    return byNumber != 0 ? byNumber : a.compareTo(b);
  }

  /** The index where the trailing digits of {@code id} begin. */
  private static int digitsFrom(String id) {
    int i = id.length();
    while (i > 0 && Character.isDigit(id.charAt(i - 1))) {
      i--;
    }
    return i;
  }
}
