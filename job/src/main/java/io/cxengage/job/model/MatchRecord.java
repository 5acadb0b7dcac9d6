package io.cxengage.job.model;

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
    long configOffset) {

  public String routingKey() {
    return RoutedEvent.routingKey(tenant, key);
  }
}
