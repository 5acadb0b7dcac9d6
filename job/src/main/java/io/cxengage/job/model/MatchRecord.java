package io.cxengage.job.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.dsl.event.CustomerEvent;
import java.util.List;
import java.util.Map;

/**
 * A completed match, with everything its reaction needs so that later configuration changes do not
 * alter a reaction already under way: the pattern's {@code then} and the templates it uses, as they
 * were when the match completed.
 *
 * @param whenVersion the version of the pattern's matching state (a digest of its {@code when})
 * @param events the events of the match in time order
 * @param at the event time at which the match completed
 * @param configOffset the configuration offset the reaction must wait for (its last event's)
 * @param notification the attributes the tenant's notification augments found for the match, merged
 *     into the reaction context after the events' (null when there are none)
 */
public record MatchRecord(
    String tenant,
    String patternId,
    String whenVersion,
    String key,
    List<CustomerEvent> events,
    long at,
    String then,
    Map<String, String> templates,
    long configOffset,
    ObjectNode notification) {

  /** A match as the matcher completes it, before any notification augment. */
  public MatchRecord(
      String tenant,
      String patternId,
      String whenVersion,
      String key,
      List<CustomerEvent> events,
      long at,
      String then,
      Map<String, String> templates,
      long configOffset) {
    this(tenant, patternId, whenVersion, key, events, at, then, templates, configOffset, null);
  }

  public String routingKey() {
    return RoutedEvent.routingKey(tenant, key);
  }

  /** The same match with the attributes of its notification augments. */
  public MatchRecord withNotification(ObjectNode attributes) {
    return new MatchRecord(
        tenant, patternId, whenVersion, key, events, at, then, templates, configOffset, attributes);
  }
}
