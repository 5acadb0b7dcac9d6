package io.cxengage.job.augment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.MatchRecord;
import io.cxengage.job.model.RoutedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What passes through the augment stages: an event (engine augments) or a match (notification
 * augments), its plan, and the attributes each augment has found so far, by augment id. Every
 * augment reads the subject as it entered; what they found is merged at the end, in the order of
 * their ids ({@link Augment#ID_ORDER}), so the result does not depend on which answer came first.
 */
public record AugmentSubject(
    RoutedEvent event, MatchRecord match, AugmentPlan plan, Map<String, ObjectNode> found) {

  public static AugmentSubject of(RoutedEvent event, AugmentPlan plan) {
    return new AugmentSubject(event, null, plan, Map.of());
  }

  public static AugmentSubject of(MatchRecord match, AugmentPlan plan) {
    return new AugmentSubject(null, match, plan, Map.of());
  }

  public String tenant() {
    return event != null ? event.tenant() : match.tenant();
  }

  /** The customer's key: the value of the tenant's key attribute. */
  public String key() {
    return event != null ? event.key() : match.key();
  }

  /** What the subject is keyed by where it waits for its rows: the customer. */
  public String routingKey() {
    return event != null ? event.routingKey() : match.routingKey();
  }

  /**
   * Unique among the subjects of one customer: the event's id, or the match's pattern and events.
   */
  public String subjectId() {
    if (event != null) {
      return event.event().id();
    }
    StringBuilder id = new StringBuilder(match.patternId()).append('|').append(match.whenVersion());
    for (CustomerEvent e : match.events()) {
      id.append('|').append(e.id());
    }
    return id.toString();
  }

  /** Event time: the event's, or the time the match completed. */
  public long timestamp() {
    return event != null ? event.event().timestamp() : match.at();
  }

  /**
   * The attributes augments read: the event's, or the reaction context's events merged (later
   * events winning, dsl.md section 3).
   */
  public JsonNode attributes() {
    return event != null ? event.event().attributes() : contextOf(match);
  }

  /** A match's events merged, later events winning: what its notification augments join on. */
  public static ObjectNode contextOf(MatchRecord match) {
    ObjectNode context = JsonNodeFactory.instance.objectNode();
    for (CustomerEvent e : match.events()) {
      context.setAll(e.attributes());
    }
    return context;
  }

  /** The subject with what one augment found (nothing is recorded for null). */
  public AugmentSubject with(String augmentId, ObjectNode attributes) {
    if (attributes == null) {
      return this;
    }
    Map<String, ObjectNode> more = new HashMap<>(found);
    more.put(augmentId, attributes);
    return new AugmentSubject(event, match, plan, more);
  }

  /** What every augment found, merged in the order of their ids; null when nothing was found. */
  public ObjectNode merged() {
    if (found.isEmpty()) {
      return null;
    }
    List<String> ids = new ArrayList<>(found.keySet());
    ids.sort(Augment.ID_ORDER);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String id : ids) {
      out.setAll(found.get(id));
    }
    return out;
  }

  /** The event with the found attributes merged in (they win over the event's own). */
  public RoutedEvent toEvent() {
    ObjectNode merged = merged();
    if (merged == null) {
      return event;
    }
    CustomerEvent e = event.event();
    ObjectNode attributes = e.attributes().deepCopy();
    attributes.setAll(merged);
    return new RoutedEvent(
        event.tenant(),
        event.key(),
        new CustomerEvent(e.id(), e.timestamp(), attributes),
        event.configOffset());
  }

  /** The match with the found attributes as its notification augments. */
  public MatchRecord toMatch() {
    return match.withNotification(merged());
  }
}
