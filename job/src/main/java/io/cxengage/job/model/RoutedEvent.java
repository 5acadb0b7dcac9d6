package io.cxengage.job.model;

import io.cxengage.dsl.event.CustomerEvent;

/**
 * An event that has found its customer: the tenant, the value of the tenant's key attribute (as
 * text) and the event itself. {@link #routingKey()} is what the stream is keyed by.
 */
public record RoutedEvent(String tenant, String key, CustomerEvent event, long configOffset) {

  /** {@code tenant} and {@code key} joined by a character that cannot occur in a tenant id. */
  public String routingKey() {
    return routingKey(tenant, key);
  }

  public static String routingKey(String tenant, String key) {
    return tenant + '\u0000' + key;
  }
}
