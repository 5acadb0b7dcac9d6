package io.cxengage.job.cep;

import io.cxengage.dsl.event.CustomerEvent;
import java.util.List;

/**
 * A candidate match of a pattern that ends with {@code absent}: its events are matched and it
 * completes at {@code deadline} unless an event of the absent step comes first.
 */
public record PendingAbsence(String stateKey, List<CustomerEvent> events, long deadline) {

  public CustomerEvent last() {
    return events.get(events.size() - 1);
  }

  public CustomerEvent first() {
    return events.get(0);
  }
}
