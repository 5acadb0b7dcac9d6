package io.cxengage.job.reaction;

import io.cxengage.connectors.dispatch.RateLimiter;
import io.cxengage.connectors.dispatch.ServiceEndpoints;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * How the job's reactions reach external services.
 *
 * @param replay nothing leaves the machine: every external send is reported as sent
 * @param secretKey the key of the secrets in the configuration log (base64), or null
 * @param sendgrid SendGrid's base URL
 * @param twilio Twilio's base URL
 * @param pusher Pusher's base URL (scheme, host, port)
 * @param salesforceLogin Salesforce's login URL
 * @param timeout the time limit of one request
 * @param perSecond the sends per second allowed per tenant and integration
 * @param burst the sends allowed at once per tenant and integration
 */
public record DispatchSettings(
    boolean replay,
    String secretKey,
    String sendgrid,
    String twilio,
    String pusher,
    String salesforceLogin,
    Duration timeout,
    double perSecond,
    int burst)
    implements Serializable {

  /** Replays: no sends leave the machine. */
  public static DispatchSettings replayOnly() {
    return new DispatchSettings(
        true, null, null, null, null, null, Duration.ofSeconds(10), 50, 100);
  }

  ServiceEndpoints endpoints() {
    ServiceEndpoints.Builder b = ServiceEndpoints.builder().requestTimeout(timeout);
    if (sendgrid != null && !sendgrid.isBlank()) {
      b.sendgrid(URI.create(sendgrid));
    }
    if (twilio != null && !twilio.isBlank()) {
      b.twilio(URI.create(twilio));
    }
    if (pusher != null && !pusher.isBlank()) {
      b.pusher(URI.create(pusher));
    }
    if (salesforceLogin != null && !salesforceLogin.isBlank()) {
      b.salesforceLogin(URI.create(salesforceLogin));
    }
    return b.build();
  }

  RateLimiter.Limit limit() {
    return new RateLimiter.Limit(perSecond, burst);
  }
}
