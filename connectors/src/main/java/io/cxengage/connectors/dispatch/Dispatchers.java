package io.cxengage.connectors.dispatch;

import io.cxengage.connectors.pusher.PusherDispatcher;
import io.cxengage.connectors.salesforce.SalesforceDispatcher;
import io.cxengage.connectors.sendgrid.SendgridDispatcher;
import io.cxengage.connectors.twilio.TwilioDispatcher;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One dispatcher per external service, built from one {@link ServiceEndpoints}. The job creates it
 * once per task (dispatchers hold thread pools and connection pools) and closes it with the task.
 */
public final class Dispatchers implements AutoCloseable {

  private final Map<String, Dispatcher> byIntegration = new LinkedHashMap<>();

  private Dispatchers(List<Dispatcher> dispatchers) {
    dispatchers.forEach(d -> byIntegration.put(d.integration(), d));
  }

  /** Dispatchers for sendgrid, twilio, pusher and salesforce, on the system clock. */
  public static Dispatchers create(ServiceEndpoints endpoints) {
    return create(endpoints, Clock.systemUTC());
  }

  /** As {@link #create(ServiceEndpoints)}; {@code clock} reads {@code Retry-After} dates. */
  public static Dispatchers create(ServiceEndpoints endpoints, Clock clock) {
    return new Dispatchers(
        List.of(
            new SendgridDispatcher(endpoints, clock),
            new TwilioDispatcher(endpoints, clock),
            new PusherDispatcher(endpoints, clock),
            new SalesforceDispatcher(endpoints, clock)));
  }

  /** The dispatcher of an integration type, if it is an external service. */
  public Optional<Dispatcher> get(String integration) {
    return Optional.ofNullable(byIntegration.get(integration));
  }

  /** The integration types served. */
  public Set<String> integrations() {
    return byIntegration.keySet();
  }

  @Override
  public void close() {
    byIntegration.values().forEach(Dispatcher::close);
  }
}
